using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;

namespace RelationalCoordination.Web.Tests.Pages.Results;

/// <summary>
/// The results pages against the scoring engine run directly on the same file: every figure shown
/// on the heatmap, a tie's detail, a role's profile and the network map is the engine's anonymous
/// figure, and a suppressed tie shows no number anywhere.
/// </summary>
public sealed class ResultsPagesTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task The_heatmap_shows_each_reportable_tie_of_the_engine_and_hides_each_suppressed_one()
    {
        var id = await ImportedSurveyAsync("Heatmap");
        var expected = Engine();
        var roles = await Respondent.RolesAsync(app, id);

        foreach (var view in new[] { "rc", "timely", "mutual_respect" })
        {
            var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/heatmap?view={view}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var cells = Cells(page.Html);
            Assert.Equal(64, cells.Count);
            foreach (var tie in expected.Ties)
            {
                var cell = cells[(roles[tie.FromRole], roles[tie.ToRole])];
                var value = view == "rc" ? tie.Strength : tie.Mean(Dimensions.TryParseKey(view, out var d) ? d : default);
                if (tie.Suppressed)
                {
                    Assert.Equal("<5 responses, not shown", cell);
                }
                else if (value is null)
                {
                    // A dimension mean withheld (decision 25): a dash, n, and why, not a band.
                    Assert.Equal($"—n={tie.N} dimension mean withheld", cell);
                    Assert.Contains("A dash (—) marks a dimension mean withheld", page.Text, StringComparison.Ordinal);
                }
                else
                {
                    // One decimal, or more where one would round across a band boundary: the number shown
                    // is always in the band shown (3.95 is moderate, not "4.0 moderate").
                    var shownValue = value!.Value.ToString("F1", CultureInfo.InvariantCulture);
                    if (TieBands.Of(double.Parse(shownValue, CultureInfo.InvariantCulture)) != TieBands.Of(value.Value))
                    {
                        shownValue = value.Value.ToString("F2", CultureInfo.InvariantCulture);
                    }

                    Assert.Equal($"{shownValue}n={tie.N} {TieBands.Of(value.Value).Key()}", cell);
                }
            }

            Assert.Equal(64 - expected.Ties.Length, cells.Values.Count(c => c == "no data—"));
        }

        Assert.Contains(expected.Ties, t => t.Suppressed);
        Assert.Contains(expected.Ties, t => !t.Suppressed);
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/heatmap?view=speed")).Status);
    }

    [Fact]
    public async Task A_ties_detail_shows_its_figures_or_only_that_it_is_too_small()
    {
        var id = await ImportedSurveyAsync("Tie details");
        var roles = await Respondent.RolesAsync(app, id);
        var expected = Engine();
        var shown = expected.Ties.First(t => !t.Suppressed && !t.IsWithinRole);
        var hidden = expected.Ties.First(t => t.Suppressed);

        var detail = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/tie?from={roles[shown.FromRole]}&to={roles[shown.ToRole]}");
        Assert.Contains($"{F2(shown.CiLow)} – {F2(shown.CiHigh)}", detail.Text, StringComparison.Ordinal);
        Assert.All(Dimensions.All, d => Assert.Contains($"{d.DisplayName()} {F2(shown.Mean(d))}", Squash(detail.Text), StringComparison.Ordinal));
        // Both directions: how the rated role experiences the rating role, beside it.
        var back = expected.Ties.Single(t => t.FromRole == shown.ToRole && t.ToRole == shown.FromRole);
        Assert.Contains(back.Suppressed ? $"How {shown.ToRole} experience {shown.FromRole}: Fewer than 5" : $"{shown.ToRole} rate {shown.FromRole} {F2(back.Strength)} (n={back.N})",
            Squash(detail.Text), StringComparison.Ordinal);

        var small = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/tie?from={roles[hidden.FromRole]}&to={roles[hidden.ToRole]}");
        Assert.Contains("Fewer than 5 responses: this tie is not shown", small.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("confidence interval", small.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(NumberPattern(), MainOf(small.Html));
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/tie?from={Guid.NewGuid()}&to={roles[shown.ToRole]}")).Status);
    }

    [Fact]
    public async Task A_role_profile_shows_the_engines_role_figures_and_its_ties_both_ways()
    {
        var id = await ImportedSurveyAsync("Role profile");
        var roles = await Respondent.RolesAsync(app, id);
        var expected = Engine();
        var nurses = expected.Roles.Single(r => r.Role == "Nurses");

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/roles/{roles["Nurses"]}");
        var text = Squash(page.Text);

        Assert.Contains($"how it experiences the others {F2(nurses.RcGiven)}", text, StringComparison.Ordinal);
        Assert.Contains($"how the others experience it {F2(nurses.RcReceived)}", text, StringComparison.Ordinal);
        Assert.Contains($"betweenness (bridging) {F2(nurses.Betweenness)}", text, StringComparison.Ordinal);
        Assert.Contains($"eigenvector (centrality) {F2(nurses.Eigenvector)}", text, StringComparison.Ordinal);
        foreach (var tie in expected.Ties.Where(t => t.FromRole == "Nurses" && t.ToRole != "Nurses"))
        {
            Assert.Contains(tie.Suppressed ? $"{tie.ToRole} fewer than 5 responses —" : $"{tie.ToRole} {F2(tie.Strength)} {tie.Band!.Value.Key()} {tie.N}", text, StringComparison.Ordinal);
        }

        foreach (var tie in expected.Ties.Where(t => t.ToRole == "Nurses" && t.FromRole != "Nurses"))
        {
            Assert.Contains(tie.Suppressed ? $"{tie.FromRole} fewer than 5 responses —" : $"{tie.FromRole} {F2(tie.Strength)} {tie.Band!.Value.Key()} {tie.N}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_network_map_draws_every_reportable_tie_between_roles_and_no_suppressed_one()
    {
        var id = await scenario.ClosedSurveyAsync("Network", Wave1.Replace("Nurses,", "\"Nurses & <aides>, \"\"RN\"\"\",", StringComparison.Ordinal),
            [.. ImportExportTests.HospitalRoles.Select(r => r == "Nurses" ? "Nurses & <aides>, \"RN\"" : r)]);
        var expected = ScoringEngine.Score(
            ResponsesCsv.Parse(Wave1.Replace("Nurses,", "\"Nurses & <aides>, \"\"RN\"\"\",", StringComparison.Ordinal)),
            new ScoringOptions(5, anonymous: true));

        using var download = await scenario.Viewer.Http.GetAsync($"{Org}/surveys/{id}/results/network?handler=Svg");
        var svg = System.Xml.Linq.XDocument.Parse(await download.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal("image/svg+xml", download.Content.Headers.ContentType?.MediaType);
        var drawn = svg.Descendants(ns + "path").Where(p => ((string?)p.Attribute("class"))?.StartsWith("tie ", StringComparison.Ordinal) == true)
            .Select(p => ($"{p.Attribute("data-from")!.Value} → {p.Attribute("data-to")!.Value}", p.Attribute("class")!.Value)).ToList();
        var reportable = expected.Ties.Where(t => !t.Suppressed && !t.IsWithinRole).Select(t => ($"{t.FromRole} → {t.ToRole}", $"tie {t.Band!.Value.Key()}")).ToList();
        Assert.Equal(reportable.OrderBy(x => x.Item1, StringComparer.Ordinal), drawn.OrderBy(x => x.Item1, StringComparer.Ordinal));
        Assert.Contains(drawn, d => d.Item1.Contains("Nurses & <aides>, \"RN\"", StringComparison.Ordinal));
        Assert.Equal(8, svg.Descendants(ns + "circle").Count(c => (string?)c.Attribute("class") == "node"));
        var top = expected.Roles.MaxBy(r => r.Betweenness ?? 0)!;
        Assert.Contains(svg.Descendants(ns + "g"), g => (string?)g.Attribute("class") == "role bridge" && (string?)g.Attribute("data-role") == top.Role);

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/network");
        Assert.Contains("<svg", page.Html, StringComparison.Ordinal);
    }

    private Task<Guid> ImportedSurveyAsync(string title) => scenario.ClosedSurveyAsync(title, Wave1, [.. ImportExportTests.HospitalRoles]);
}
