using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Results;

/// <summary>
/// The results pages against the scoring engine run directly on the same file: every figure shown
/// is the engine's anonymous figure, and a suppressed tie shows no number anywhere.
/// </summary>
public sealed partial class ResultsPagesTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string Wave1 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave1.csv"));

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
                else
                {
                    Assert.Equal($"{value!.Value.ToString("F1", CultureInfo.InvariantCulture)}n={tie.N} {TieBands.Of(value.Value).Key()}", cell);
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
    public async Task The_wave_comparison_shows_the_engines_changes_for_ties_reportable_in_both_waves()
    {
        var first = await ImportedSurveyAsync("Wave 1");
        var second = await scenario.OpenSurveyAsync("Wave 2", [.. ImportExportTests.HospitalRoles.Select(r => (r, true, true))]);
        var wave2 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave2.csv"));
        await scenario.ImportAsync(second, wave2);
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == second).ExecuteUpdateAsync(s => s.SetProperty(x => x.PreviousWaveId, first)));
        // While the later wave is open there is nothing to compare.
        var open = await scenario.Viewer.GetAsync($"{Org}/surveys/{second}/results/compare");
        Assert.Contains("Both waves must be closed to be compared", open.Text, StringComparison.Ordinal);
        Assert.Empty(Rows(open.Html, "changes"));
        await scenario.CloseSurveyAsync(second);
        var expected = WaveComparison.Compare(
            ResponsesCsv.Parse(Wave1, ImportExportTests.HospitalRoles), ResponsesCsv.Parse(wave2, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true));

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{second}/results/compare");

        var rows = Rows(page.Html, "changes");
        Assert.Equal(expected.Length, rows.Count);
        foreach (var c in expected)
        {
            var sign = c.Change >= 0 ? "+" : "";
            Assert.Contains($"{c.FromRole} | {c.ToRole} | {F2(c.Before)} n={c.NBefore} | {F2(c.After)} n={c.NAfter} | {sign}{F2(c.Change)} | {c.PValue?.ToString("F3", CultureInfo.InvariantCulture) ?? "—"} | {(c.IsSignificant ? (c.Change > 0 ? "▲ significantly better" : "▼ significantly worse") : "within chance")}", rows);
        }

        Assert.Contains(expected, c => c.IsSignificant);
        Assert.True(expected.Length < Engine().Ties.Length);   // only ties reportable in both waves
        Assert.Contains($"{expected.Count(c => c.IsSignificant && c.Change > 0)} ties improved significantly", Squash(page.Text), StringComparison.Ordinal);
        var chosen = await scenario.Viewer.GetAsync($"{Org}/surveys/{first}/results/compare?with={second}");
        Assert.Equal(HttpStatusCode.OK, chosen.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Viewer.GetAsync($"{Org}/surveys/{first}/results/compare?with={Guid.NewGuid()}")).Status);
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

    [Fact]
    public async Task A_survey_that_is_not_closed_has_no_results_and_a_closed_one_without_responses_has_empty_ones()
    {
        var created = await scenario.Facilitator.PostAsync($"{Org}/surveys/create",
            ("Input.Title", "Empty"), ("Input.WorkProcess", "w"), ("Input.FrequencyVariant", "Frequency"), ("Input.MinGroupSize", "5"));
        var draft = created.Location!.Split('/')[^2];
        var open = await scenario.OpenSurveyAsync("Empty and open", ("Nurses", true, true), ("Physicians", true, true));
        string[] pages = ["results/heatmap", "results/network", "results/network?handler=Svg", "results/start", "results/report", "results/export/results.zip"];

        foreach (var id in new[] { draft, open.ToString() })
        {
            var overview = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results");
            Assert.Equal(HttpStatusCode.OK, overview.Status);
            Assert.Contains("Results appear when the survey closes", overview.Text, StringComparison.Ordinal);
            foreach (var path in pages)
            {
                var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/{path}");
                Assert.Equal((HttpStatusCode.Redirect, $"{Org}/surveys/{id}/results"), (page.Status, page.Location));
            }
        }

        await scenario.CloseSurveyAsync(open);
        foreach (var path in pages.Prepend("results").Append("results/compare"))
        {
            Assert.Equal(HttpStatusCode.OK, (await scenario.Viewer.GetAsync($"{Org}/surveys/{open}/{path}")).Status);
        }
    }

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
        Assert.Contains("a boundary-spanner role", text, StringComparison.Ordinal);

        var weakest = points.WeakestTies[0];
        var guide = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/conversation?a={roles[weakest.FromRole]}&b={roles[weakest.ToRole]}");
        Assert.Contains($"How {weakest.FromRole} experience {weakest.ToRole}: {F2(weakest.Strength)}", Squash(guide.Text), StringComparison.Ordinal);
        Assert.Equal(5, Regex.Count(guide.Html, "class=\"answer-space\""));
        var hidden = Engine().Ties.First(t => t.Suppressed && !t.IsWithinRole);
        var hiddenGuide = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/conversation?a={roles[hidden.FromRole]}&b={roles[hidden.ToRole]}");
        Assert.Contains($"How {hidden.FromRole} experience {hidden.ToRole}: fewer than 5 responses, not shown", Squash(hiddenGuide.Text), StringComparison.Ordinal);
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
        var s = Engine().Summary;

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results");

        Assert.Contains($"RC index {F2(s.RcIndex)}", Squash(page.Text), StringComparison.Ordinal);
        Assert.Contains($"between roles {F2(s.RcBetween)}", Squash(page.Text), StringComparison.Ordinal);
        Assert.Contains($"alpha {F2(s.CronbachAlpha)}", page.Text, StringComparison.Ordinal);
        Assert.Contains($"median rwg(j) {F2(s.RwgJMedian)}", page.Text, StringComparison.Ordinal);
        Assert.Contains($"weak ties (< 3.5) between roles {s.WeakTies}", Squash(page.Text), StringComparison.Ordinal);
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

    [Fact]
    public async Task Results_are_computed_once_at_closing_and_never_change()
    {
        var id = await ImportedSurveyAsync("Snapshot");
        // Stored by the closing itself, before anyone reads them.
        var first = await app.QueryAsync(db => db.ResultsSnapshots.AsNoTracking().SingleAsync(s => s.SurveyId == id));
        Assert.Equal(120, first.Responses);

        await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/heatmap");
        Assert.Equal(first.ComputedAt, await app.QueryAsync(db => db.ResultsSnapshots.Where(s => s.SurveyId == id).Select(s => s.ComputedAt).SingleAsync()));

        // Results stored by an older version of the scoring are scored again.
        await app.QueryAsync(db => db.ResultsSnapshots.Where(s => s.SurveyId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Scoring, 0)));
        await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/heatmap");
        var rescored = await app.QueryAsync(db => db.ResultsSnapshots.AsNoTracking().SingleAsync(s => s.SurveyId == id));
        Assert.Equal(RelationalCoordination.Web.Features.Results.SurveyResults.ScoringVersion, rescored.Scoring);
        Assert.True(rescored.ComputedAt > first.ComputedAt);

        // A closed survey takes no more answers, so its results cannot move.
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.ImportAsync(id, Wave1)).Status);
        Assert.Equal(120, await app.QueryAsync(db => db.ResultsSnapshots.Where(s => s.SurveyId == id).Select(s => s.Responses).SingleAsync()));
        Assert.Equal(120, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    private Task<Guid> ImportedSurveyAsync(string title) => scenario.ClosedSurveyAsync(title, Wave1, [.. ImportExportTests.HospitalRoles]);

    /// <summary>The engine's anonymous result for wave 1 at k = 5, computed here from the file.</summary>
    private static ScoringResult Engine() =>
        ScoringEngine.Score(ResponsesCsv.Parse(Wave1, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true));

    /// <summary>Each heatmap cell's text, by (row role id, column role id) from its detail link (or position).</summary>
    private static Dictionary<(Guid, Guid), string> Cells(string html)
    {
        var body = Regex.Match(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(body, "<tr>(.*?)</tr>", RegexOptions.Singleline);
        var cells = new Dictionary<(Guid, Guid), string>();
        var unlinked = 0;
        foreach (Match row in rows)
        {
            foreach (Match cell in Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline))
            {
                var link = Regex.Match(cell.Value, "href=\"tie\\?from=([0-9a-f]{32})&amp;to=([0-9a-f]{32})\"");
                var key = link.Success ? (Guid.Parse(link.Groups[1].Value), Guid.Parse(link.Groups[2].Value)) : (Guid.Empty, new Guid(unlinked++, 0, 0, new byte[8]));
                cells[key] = WebUtility.HtmlDecode(Regex.Replace(cell.Groups[1].Value, "<[^>]+>", "")).Trim();
            }
        }

        return cells;
    }

    /// <summary>The body rows of a table, each as its cells' text joined by " | ".</summary>
    private static List<string> Rows(string html, string tableId)
    {
        var table = Regex.Match(html, $"<table id=\"{tableId}\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Regex.Matches(table, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline).Select(row => string.Join(" | ",
            Regex.Matches(row.Groups[1].Value, "<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)
                .Select(c => Squash(WebUtility.HtmlDecode(Regex.Replace(c.Groups[1].Value, "<[^>]+>", " ")))))) ];
    }

    private static string F2(double? value) => value?.ToString("F2", CultureInfo.InvariantCulture) ?? "—";

    private static string MainOf(string html) => Regex.Match(html, "<main>(.*)</main>", RegexOptions.Singleline).Value;

    private static string Squash(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A figure as the pages print one: a decimal point between digits.</summary>
    [GeneratedRegex(@"\d\.\d")]
    private static partial Regex NumberPattern();
}
