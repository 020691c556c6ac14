using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Tests.Common;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Pages.Orgs.Surveys;
using RelationalCoordination.Web.Tests.Infrastructure;
using RelationalCoordination.Web.Tests.Pages;

using Xunit;

using static RelationalCoordination.Web.Tests.Api.ApiSurveys;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>What closing a survey means through the API: waves then compare, and results freeze.</summary>
public sealed class ApiClosedWaveTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task Waves_compare_through_the_API_as_the_engine_compares_them()
    {
        using var api = await ClientAsync();
        var first = await ImportedAsync(api, "API wave 1", Wave1, close: true);
        var wave2 = File.ReadAllText(ExpectedTable.ReferencePath("hospital", "wave2.csv"));
        var second = await ImportedAsync(api, "API wave 2", wave2, first);
        var early = await api.GetAsync($"/api/v1/surveys/{second}/compare/{first}");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("Both waves must be closed", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{second}/close", null)).StatusCode);

        var changes = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{second}/compare/{first}")).EnumerateArray().ToList();
        var expected = WaveComparison.Compare(ResponsesCsv.Parse(Wave1, ImportExportTests.HospitalRoles), ResponsesCsv.Parse(wave2, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true));

        Assert.Equal(expected.Length, changes.Count);
        foreach (var (e, c) in expected.Zip(changes))
        {
            Assert.Equal(e.FromRole, c.GetProperty("fromRole").GetString());
            Assert.Equal(e.Change, c.GetProperty("change").GetDouble(), 1e-9);
            Assert.Equal(e.PValue!.Value, c.GetProperty("pValue").GetDouble(), 1e-9);
            Assert.Equal(e.PHolm!.Value, c.GetProperty("pHolm").GetDouble(), 1e-9);
            Assert.Equal(e.PBh!.Value, c.GetProperty("pBh").GetDouble(), 1e-9);
            Assert.Equal(e.PBh < 0.05, c.GetProperty("isSignificant").GetBoolean());
        }
    }

    [Fact]
    public async Task Comparing_surveys_that_are_not_waves_of_one_series_is_a_409_that_says_how_to_link_them()
    {
        using var api = await ClientAsync();
        var first = await ImportedAsync(api, "Series 1", null, close: true);
        var second = await ImportedAsync(api, "Series 2", null, first, close: true);
        var third = await ImportedAsync(api, "Series 3", null, second, close: true);
        var unrelated = await ImportedAsync(api, "Unrelated", null, close: true);
        // Still open: the series is checked first, so the answer says what is wrong for good.
        var open = await ImportedAsync(api, "Unrelated and open", null);

        var twoBack = await api.GetAsync($"/api/v1/surveys/{third}/compare/{first}");
        var other = await api.GetAsync($"/api/v1/surveys/{unrelated}/compare/{first}");
        var otherOpen = await api.GetAsync($"/api/v1/surveys/{open}/compare/{first}");
        var backwards = await api.GetAsync($"/api/v1/surveys/{first}/compare/{second}");

        Assert.Equal(HttpStatusCode.OK, twoBack.StatusCode);
        foreach (var refused in new[] { other, otherOpen })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
            Assert.Contains("are not waves of one series", detail, StringComparison.Ordinal);
            Assert.Contains("create the later survey as a new wave of “Series 1”", detail, StringComparison.Ordinal);
            Assert.Contains("previousWaveId", detail, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Conflict, backwards.StatusCode);
        Assert.Contains("“Series 2” is a later wave than “Series 1”", (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_survey_s_results_are_frozen_and_take_no_more_imports()
    {
        using var api = await ClientAsync();
        var id = await ImportedAsync(api, "Frozen", Wave1);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        var before = await api.GetStringAsync($"/api/v1/surveys/{id}/results/ties");
        var snapshot = await app.QueryAsync(db => db.ResultsSnapshots.SingleAsync(s => s.SurveyId == id));

        using var csv = new StringContent(Wave1, Encoding.UTF8, "text/csv");
        var refused = await api.PostAsync($"/api/v1/surveys/{id}/responses/import", csv);
        var page = await scenario.ImportAsync(id, Wave1);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("closed and its results are frozen", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(409, (int)page.Status);
        Assert.Contains("closed and its results are frozen", page.Text, StringComparison.Ordinal);
        Assert.Equal(120, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(before, await api.GetStringAsync($"/api/v1/surveys/{id}/results/ties"));
        var after = await app.QueryAsync(db => db.ResultsSnapshots.SingleAsync(s => s.SurveyId == id));
        Assert.Equal(snapshot.ComputedAt, after.ComputedAt);   // served from the stored snapshot, not scored again
    }

    // Each test class has its own fixture, so its own organisation and token.
    private Task<HttpClient> ClientAsync() => ApiSurveys.TokenClientAsync(app, scenario);
}
