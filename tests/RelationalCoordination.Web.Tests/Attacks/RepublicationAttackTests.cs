using System.Net.Http.Json;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// Item figures over too few people (decision 25): a dimension mean that one person answered, or
/// that counts someone outside n, gave that person's answer away. The attacks here read a closed
/// survey's published item figures, and a survey published under the earlier method, scored again,
/// against what the earlier publication showed.
/// </summary>
public sealed class RepublicationAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    /// <summary>Three nurses answer everything about both roles; a fourth answers only "timely" about the pharmacists (1 or 5).</summary>
    private static string Responses(int victim) =>
        "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n"
        + string.Concat(Enumerable.Range(0, 3).Select(i => $"n{i},Nurses,Nurses,{3 + i},4,4,4,4,4,4\nn{i},Nurses,Pharmacists,4,{3 + i},4,5,4,4,4\n"))
        + $"n3,Nurses,Pharmacists,,{victim},,,,,\n"
        + "q1,Pharmacists,Nurses,3,3,3,3,3,3,3\n";

    [Fact]
    public async Task Someone_outside_a_tie_s_n_or_alone_on_an_item_changes_no_published_figure()
    {
        using var api = await scenario.ApiClientAsync("Item figures");
        var low = await AttackSurveys.ClosedSurveyAsync(api, "Item figures", Responses(1), previous: null);
        var high = await AttackSurveys.ClosedSurveyAsync(api, "Item figures", Responses(5), previous: null);

        foreach (var part in new[] { "ties", "roles", "summary" })
        {
            Assert.Equal(await api.GetStringAsync($"/api/v1/surveys/{low}/results/{part}"), await api.GetStringAsync($"/api/v1/surveys/{high}/results/{part}"));
        }

        var tie = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{low}/results/ties")).EnumerateArray()
            .Single(t => t.GetProperty("fromRole").GetString() == "Nurses" && t.GetProperty("toRole").GetString() == "Pharmacists");
        Assert.Equal(3, tie.GetProperty("n").GetInt32());
        Assert.Equal(4.0, tie.GetProperty("dimensionMeans")[1].GetDouble(), 1e-12);   // the three nurses' timely: 3, 4, 5
    }

    [Fact]
    public async Task Results_published_by_the_earlier_method_are_republished_within_what_they_showed()
    {
        using var api = await scenario.ApiClientAsync("Republished");
        var id = await AttackSurveys.ClosedSurveyAsync(api, "Republished", Responses(1), previous: null);
        // As the earlier method published it: dimension means over every observation, the victim's "timely" among them.
        var earlier = ScoringEngine.Score(ResponsesCsv.Parse(Responses(1)), new ScoringOptions(AttackSurveys.K));
        var stored = JsonSerializer.Deserialize<ScoringResult>(await app.QueryAsync(db => db.ResultsSnapshots.Where(s => s.SurveyId == id).Select(s => s.Result).SingleAsync()))!;
        var published = stored with { Ties = [.. stored.Ties.Select(t => t.Suppressed ? t : earlier.Ties.Single(e => (e.FromRole, e.ToRole) == (t.FromRole, t.ToRole)))] };
        Assert.Equal(3.25, published.Ties.Single(t => t.ToRole == "Pharmacists" && t.FromRole == "Nurses").Mean(Domain.Instrument.Dimension.Timely));
        await app.QueryAsync(db => db.ResultsSnapshots.Where(s => s.SurveyId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Scoring, 2).SetProperty(s => s.Result, JsonSerializer.Serialize(published, (JsonSerializerOptions?)null))));

        var ties = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/ties")).EnumerateArray().ToList();

        Assert.Equal(Web.Features.Results.SurveyResults.ScoringVersion, await app.QueryAsync(db => db.ResultsSnapshots.Where(s => s.SurveyId == id).Select(s => s.Scoring).SingleAsync()));
        var changed = ties.Single(t => t.GetProperty("fromRole").GetString() == "Nurses" && t.GetProperty("toRole").GetString() == "Pharmacists");
        Assert.All(changed.GetProperty("dimensionMeans").EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.ValueKind));
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("rwgJ").ValueKind);
        var roles = await Respondent.RolesAsync(app, id);
        var page = await scenario.Viewer.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results/tie?from={roles["Nurses"]}&to={roles["Pharmacists"]}");
        Assert.Contains("A dash (—) marks a dimension mean withheld", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("3.25", page.Text, StringComparison.Ordinal);
        // A tie whose figures the new method does not change shows them as before.
        var same = ties.Single(t => t.GetProperty("fromRole").GetString() == "Nurses" && t.GetProperty("toRole").GetString() == "Nurses");
        Assert.Equal(earlier.Ties.Single(t => t.ToRole == "Nurses" && t.FromRole == "Nurses").Mean(Domain.Instrument.Dimension.Frequent), same.GetProperty("dimensionMeans")[0].GetDouble());
    }
}
