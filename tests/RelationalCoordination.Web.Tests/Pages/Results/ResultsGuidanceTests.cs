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
/// The pages that read the figures for the facilitator (where to start, the overview, the printable
/// report) say what the engine says, and withhold what it withholds.
/// </summary>
public sealed class ResultsGuidanceTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task Where_to_start_lists_the_weakest_ties_pairs_and_dimension_with_a_guide_for_each_pair()
    {
        var id = await ImportedSurveyAsync("Start");
        var roles = await Respondent.RolesAsync(app, id);
        var points = WhereToStart.Analyse(Engine());

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start");
        var text = Squash(page.Text);

        foreach (var t in points.WeakestTies)
        {
            Assert.Contains($"How {t.FromRole} experience {t.ToRole} — {F2(t.Strength)} ({t.Band!.Value.Key()}, n={t.N})", text, StringComparison.Ordinal);
        }

        Assert.Contains($"{points.WeakestDimension!.Value.DisplayName()} — a mean of {F2(points.DimensionMeans[(int)points.WeakestDimension.Value])}", text, StringComparison.Ordinal);
        Assert.Contains("What could I do differently that would help you even more?", text, StringComparison.Ordinal);
        Assert.Contains("Conversations of interdependence (Relational)", text, StringComparison.Ordinal);

        var weakest = points.WeakestTies[0];
        var guide = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/conversation?a={roles[weakest.FromRole]}&b={roles[weakest.ToRole]}");
        Assert.Contains($"How {weakest.FromRole} experience {weakest.ToRole}: {F2(weakest.Strength)}", Squash(guide.Text), StringComparison.Ordinal);
        Assert.Equal(5, Regex.Count(guide.Html, "class=\"answer-space\""));
        var hidden = Engine().Ties.First(t => t.Suppressed && !t.IsWithinRole);
        var hiddenGuide = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/conversation?a={roles[hidden.FromRole]}&b={roles[hidden.ToRole]}");
        Assert.Contains($"How {hidden.FromRole} experience {hidden.ToRole}: fewer than 5 responses, not shown", Squash(hiddenGuide.Text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strengths_come_before_the_weak_ties_on_where_to_start_and_on_the_report()
    {
        var id = await ImportedSurveyAsync("Strengths first");
        var points = WhereToStart.Analyse(Engine());
        Assert.NotEmpty(points.StrongestTies);

        foreach (var view in new[] { "start", "report" })
        {
            var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/{view}");
            var strongest = page.Html.IndexOf("id=\"strongest\"", StringComparison.Ordinal);
            var weakest = page.Html.IndexOf("id=\"weakest\"", StringComparison.Ordinal);
            Assert.True(strongest > 0 && strongest < weakest, $"{view}: the strengths at {strongest}, the weak ties at {weakest}");
            var text = Squash(page.Text);
            Assert.Contains(view == "start"
                ? $"How {points.StrongestTies[0].FromRole} experience {points.StrongestTies[0].ToRole} — {F2(points.StrongestTies[0].Strength)}"
                : $"{points.StrongestTies[0].FromRole} → {points.StrongestTies[0].ToRole}: {F2(points.StrongestTies[0].Strength)}", text, StringComparison.Ordinal);
        }

        var start = Squash((await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start")).Text);
        Assert.True(start.IndexOf("not of who is to blame", StringComparison.Ordinal) < start.IndexOf("The weakest ties", StringComparison.Ordinal));
        Assert.Contains($"The strongest dimension: {points.StrongestDimension!.Value.DisplayName()}", start, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printable_report_holds_the_summary_heatmap_starting_points_map_and_roles()
    {
        var id = await ImportedSurveyAsync("Report");
        var expected = Engine();
        var points = WhereToStart.Analyse(expected);

        var report = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/report");
        var text = Squash(report.Text);

        Assert.Contains($"RC index {F2(expected.Summary.RcIndex)}", text, StringComparison.Ordinal);
        Assert.Equal(64, Cells(report.Html).Count);
        Assert.Contains($"{points.WeakestTies[0].FromRole} → {points.WeakestTies[0].ToRole}: {F2(points.WeakestTies[0].Strength)}", text, StringComparison.Ordinal);
        Assert.Contains("<svg", report.Html, StringComparison.Ordinal);
        Assert.Contains("/css/report.", report.Html, StringComparison.Ordinal);
        Assert.All(expected.Roles, r => Assert.Contains($"{r.Role} {r.Respondents?.ToString(CultureInfo.InvariantCulture) ?? "fewer than 5"} {F2(r.RcGiven)}", text, StringComparison.Ordinal));
        Assert.Contains(expected.Roles, r => r.Respondents is null);
    }

    [Fact]
    public async Task The_overview_states_the_engines_summary_in_plain_words()
    {
        var id = await ImportedSurveyAsync("Overview");
        var engine = Engine();
        var s = engine.Summary;
        var shown = engine.Ties.Count(t => !t.Suppressed && !t.IsWithinRole);

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results");
        var text = Squash(page.Text);

        // The index with its scale and band, and what the band means.
        Assert.Contains($"RC index {F2(s.RcIndex)} on a scale from 1 to 5 · {TieBands.Of(s.RcIndex!.Value).Key()}", text, StringComparison.Ordinal);
        Assert.Contains(RelationalCoordination.Web.Pages.Orgs.Surveys.Results.IndexModel.Meaning(TieBands.Of(s.RcIndex.Value)), text, StringComparison.Ordinal);
        Assert.Contains($"Between roles {F2(s.RcBetween)}", text, StringComparison.Ordinal);
        // Psychometrics in words, the figures one click away (in a details element).
        Assert.Contains("People in the same role largely agree about the roles they rate: the heatmap can be trusted.", text, StringComparison.Ordinal);
        Assert.Contains($"alpha, 0–1) {F2(s.CronbachAlpha)}", text, StringComparison.Ordinal);
        Assert.Contains($"Median (rwg(j), 0–1) {F2(s.RwgJMedian)}", text, StringComparison.Ordinal);
        // Strong and weak ties counted alike: n of the shown ties, and the share.
        Assert.Contains($"{s.WeakTies} of {shown} · ", text, StringComparison.Ordinal);
        Assert.Contains($"{engine.Ties.Count(t => !t.Suppressed && !t.IsWithinRole && t.Band == TieBand.Strong)} of {shown} · {s.StrongTieDensity!.Value.ToString("0%", CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        // Strengths as well as weaknesses.
        var strongest = engine.Ties.Where(t => !t.Suppressed && !t.IsWithinRole).OrderByDescending(t => t.Strength).ThenBy(t => t.FromRole, StringComparer.Ordinal).First();
        Assert.Contains($"Strengths to build on How {strongest.FromRole} experience {strongest.ToRole}", text, StringComparison.Ordinal);
        Assert.Contains($"{F2(strongest.Strength)} strong How", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_reportable_tie_the_index_and_psychometrics_are_withheld()
    {
        var few = string.Join("\n", Wave1.Split('\n').Where(l => l.StartsWith("respondent_id", StringComparison.Ordinal) || l.StartsWith("R001,", StringComparison.Ordinal) || l.StartsWith("R002,", StringComparison.Ordinal)));
        var id = await scenario.ClosedSurveyAsync("Few", few, [.. ImportExportTests.HospitalRoles]);

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results");

        Assert.Contains("No tie was rated by at least 5 people", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alpha", page.Text, StringComparison.Ordinal);
    }

    private Task<Guid> ImportedSurveyAsync(string title) => scenario.ClosedSurveyAsync(title, Wave1, [.. ImportExportTests.HospitalRoles]);
}
