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
/// When results exist and how they stay: none before closing, computed once at closing and never
/// again, and compared with an earlier wave as the engine compares them.
/// </summary>
public sealed class ResultsLifecycleTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task The_wave_comparison_shows_the_engines_changes_for_ties_reportable_in_both_waves()
    {
        var first = await ImportedSurveyAsync("Wave 1");
        var second = await scenario.OpenSurveyAsync("Wave 2", [.. ImportExportTests.HospitalRoles.Select(r => (r, true, true))]);
        var wave2 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave2.csv"));
        await scenario.ImportAsync(second, wave2);
        await scenario.MakeNextWaveAsync(first, second);
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
            // The change shown is the difference of the ends shown: 3.06 → 3.41 is +0.35.
            var shown = double.Parse(F2(c.After), CultureInfo.InvariantCulture) - double.Parse(F2(c.Before), CultureInfo.InvariantCulture);
            var sign = shown >= 0 ? "+" : "";
            Assert.Contains($"{c.FromRole} | {c.ToRole} | {F2(c.Before)} n={c.NBefore} | {F2(c.After)} n={c.NAfter} | {sign}{F2(shown)} | {c.PValue?.ToString("F3", CultureInfo.InvariantCulture) ?? "—"} | {c.PBh?.ToString("F3", CultureInfo.InvariantCulture) ?? "—"} | {(c.IsSignificant ? (c.Change > 0 ? "▲ significantly better" : "▼ significantly worse") : "within chance")}", rows);
        }

        Assert.Contains(expected, c => c.IsSignificant);
        Assert.True(expected.Length < Engine().Ties.Length);   // only ties reportable in both waves
        Assert.Contains($"{expected.Count(c => c.IsSignificant && c.Change > 0)} ties improved significantly", Squash(page.Text), StringComparison.Ordinal);
        // The whole network before and after, each wave's published RC index.
        var before = Engine().Summary.RcIndex;
        var after = ScoringEngine.Score(ResponsesCsv.Parse(wave2, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true)).Summary.RcIndex;
        Assert.Contains($"RC index | {F2(before)} | {F2(after)} | {RelationalCoordination.Web.Pages.Orgs.Surveys.Results.CompareModel.Change(before, after)}", Rows(page.Html, "overall"));
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Viewer.GetAsync($"{Org}/surveys/{first}/results/compare?with={Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task The_wave_comparison_offers_only_earlier_waves_and_refuses_any_other_survey_with_a_409_saying_why()
    {
        var first = await ImportedSurveyAsync("Series, wave 1");
        var second = await ImportedSurveyAsync("Series, wave 2");
        var third = await ImportedSurveyAsync("Series, wave 3");
        var unrelated = await ImportedSurveyAsync("Another work process");
        await scenario.MakeNextWaveAsync(first, second);
        await scenario.MakeNextWaveAsync(second, third);

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{third}/results/compare");
        var twoBack = await scenario.Viewer.GetAsync($"{Org}/surveys/{third}/results/compare?with={first}");
        var backwards = await scenario.Viewer.GetAsync($"{Org}/surveys/{first}/results/compare?with={second}");
        var other = await scenario.Viewer.GetAsync($"{Org}/surveys/{unrelated}/results/compare?with={first}");
        var alone = await scenario.Viewer.GetAsync($"{Org}/surveys/{unrelated}/results/compare");

        // The nearest wave first, and none of the organisation's other surveys.
        Assert.Equal([second.ToString(), first.ToString()], Regex.Matches(page.Html, "<option value=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(HttpStatusCode.OK, twoBack.Status);
        Assert.NotEmpty(Rows(twoBack.Html, "changes"));
        Assert.Equal(HttpStatusCode.Conflict, backwards.Status);
        Assert.Contains("“Series, wave 2” is a later wave than “Series, wave 1”", backwards.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Contains("are not waves of one series", other.Text, StringComparison.Ordinal);
        Assert.Contains("“Start a new wave”", other.Text, StringComparison.Ordinal);
        Assert.Empty(Rows(other.Html, "changes"));
        Assert.Equal(HttpStatusCode.OK, alone.Status);
        Assert.Contains("has no earlier wave to compare with", alone.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_series_shows_every_wave_with_its_published_index_roles_and_ties_from_any_of_its_waves()
    {
        var first = await ImportedSurveyAsync("Discharge, wave 1");
        var second = await scenario.OpenSurveyAsync("Discharge, wave 2", [.. ImportExportTests.HospitalRoles.Select(r => (r, true, true))]);
        var wave2 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave2.csv"));
        await scenario.ImportAsync(second, wave2);
        await scenario.CloseSurveyAsync(second);
        var third = await scenario.OpenSurveyAsync("Discharge, wave 3", [.. ImportExportTests.HospitalRoles.Select(r => (r, true, true))]);
        await scenario.MakeNextWaveAsync(first, second);
        await scenario.MakeNextWaveAsync(second, third);
        var (one, two) = (Engine(), ScoringEngine.Score(ResponsesCsv.Parse(wave2, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true)));

        var pages = new[] { first, second, third }.Select(id => scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/series")).ToList();
        var fromFirst = await pages[0];

        // The same series from each of its waves.
        foreach (var page in pages)
        {
            Assert.Equal(Rows(fromFirst.Html, "series-index"), Rows((await page).Html, "series-index"));
        }

        var index = Rows(fromFirst.Html, "series-index");
        Assert.Equal(3, index.Count);
        Assert.StartsWith("1. Discharge, wave 1 |", index[0], StringComparison.Ordinal);
        Assert.EndsWith($"| {F2(one.Summary.RcIndex)} | —", index[0], StringComparison.Ordinal);
        Assert.EndsWith($"| {F2(two.Summary.RcIndex)} | {RelationalCoordination.Web.Pages.Orgs.Surveys.Results.CompareModel.Change(one.Summary.RcIndex, two.Summary.RcIndex)}", index[1], StringComparison.Ordinal);
        Assert.Contains("| not yet | — | — | —", index[2], StringComparison.Ordinal);

        var tie = two.Ties.First(t => !t.Suppressed && !t.IsWithinRole && one.Ties.Any(o => o.FromRole == t.FromRole && o.ToRole == t.ToRole && !o.Suppressed));
        var before = one.Ties.Single(o => o.FromRole == tie.FromRole && o.ToRole == tie.ToRole);
        Assert.Contains($"{tie.FromRole} → {tie.ToRole} | {F2(before.Strength)} | {F2(tie.Strength)} | —", Rows(fromFirst.Html, "series-ties"));
        var role = two.Roles.First(r => r.RcReceived is not null);
        Assert.Contains(Rows(fromFirst.Html, "series-roles"), r => r.StartsWith($"{role.Role} |", StringComparison.Ordinal) && r.Contains($"| {F2(role.RcReceived)} |", StringComparison.Ordinal));
        // A suppressed tie says so and no more.
        Assert.DoesNotContain(Rows(fromFirst.Html, "series-ties"), r => one.Ties.Where(t => t.Suppressed).Any(t => r.StartsWith($"{t.FromRole} → {t.ToRole} | {F2(t.Strength)}", StringComparison.Ordinal)));
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
}
