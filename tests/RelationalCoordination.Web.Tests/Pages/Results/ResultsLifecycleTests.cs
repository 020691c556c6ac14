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
            Assert.Contains($"{c.FromRole} | {c.ToRole} | {F2(c.Before)} n={c.NBefore} | {F2(c.After)} n={c.NAfter} | {sign}{F2(shown)} | {c.PValue?.ToString("F3", CultureInfo.InvariantCulture) ?? "—"} | {(c.IsSignificant ? (c.Change > 0 ? "▲ significantly better" : "▼ significantly worse") : "within chance")}", rows);
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
