using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Attacks.AttackSurveys;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// The subtraction attack by way of the raw export (issue 15): an owner exports a closed survey's
/// raw answers, deletes it and imports the file into a new survey, hoping a group smaller than k
/// comes back in the new results. The export leaves that group out, so nothing of it comes back.
/// </summary>
public sealed class ReimportAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string[] ResultParts = ["ties", "roles", "summary"];

    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task Deleting_a_survey_and_importing_its_raw_export_again_brings_back_nothing_of_a_small_group()
    {
        // An owner exports the raw answers, deletes the survey and imports the file into a new one,
        // hoping the small group's answers come back in the new survey's results.
        using var api = await scenario.ApiClientAsync("Re-import");
        var published = new List<List<(string Path, string Value)>>();
        foreach (var pharmacist in new[] { 1, 5 })
        {
            var original = await ClosedSurveyAsync(api, "Re-import", Responses(pharmacist), previous: null);
            var raw = await scenario.Owner.Http.GetStringAsync($"{Org}/surveys/{original}/export/responses.csv");
            Assert.Equal(HttpStatusCode.Redirect, (await scenario.Facilitator.PostAsync($"{Org}/surveys/{original}/delete", ("confirm", "yes"))).Status);
            Assert.DoesNotContain(ResponsesCsv.Parse(raw).Respondents, r => r.Role == "Pharmacists");

            var again = await ClosedSurveyAsync(api, "Re-import", raw, previous: null);
            var parts = await Task.WhenAll(ResultParts.Select(part => api.GetStringAsync($"/api/v1/surveys/{again}/results/{part}")));
            published.Add([.. parts.SelectMany(part => Flatten(JsonDocument.Parse(part).RootElement, ""))]);
        }

        // The re-imported rows come in another order, so sums may differ in the last bit: 1e-9.
        Assert.Equal(published[0].Select(p => p.Path), published[1].Select(p => p.Path));
        foreach (var (a, b) in published[0].Zip(published[1]))
        {
            Assert.True(a.Value == b.Value || (double.TryParse(a.Value, CultureInfo.InvariantCulture, out var x) && double.TryParse(b.Value, CultureInfo.InvariantCulture, out var y) && Math.Abs(x - y) < 1e-9),
                $"{a.Path}: {a.Value} against {b.Value}");
        }
    }

    private static IEnumerable<(string Path, string Value)> Flatten(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Flatten(p.Value, $"{path}.{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Flatten(e, $"{path}[{i}]")),
        _ => [(path, element.ToString())],
    };
}
