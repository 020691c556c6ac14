using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Results;

/// <summary>
/// One tie below the minimum group size with numbers no other figure can have — "Rare" about
/// "Ward A", 13/7 = 1.857… — and every results page, file and download walked for them.
/// </summary>
public sealed class SuppressedTieTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string[] HeatmapViews = ["rc", "frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"];

    private readonly Scenario scenario = fixture.Scenario;

    /// <summary>The suppressed tie's strength as any view could print it, and its one distinctive dimension mean.</summary>
    private static readonly string[] Secrets = ["1.86", "1.857", "1.9 ", ">1.9<", "1.85714", "1.1428", "1.14"];

    [Fact]
    public async Task No_page_or_file_shows_a_suppressed_ties_numbers()
    {
        var org = $"/orgs/{scenario.OrgId}";
        var earlier = await SurveyAsync("Earlier");
        var id = await SurveyAsync("Walked");
        await scenario.MakeNextWaveAsync(earlier, id);
        var roles = await Respondent.RolesAsync(scenario.App, id);
        var urls = new List<string>
        {
            "results", "results/report", "results/network", "results/network?handler=Svg", "results/start", $"results/compare?with={earlier}", "results/series",
            $"results/tie?from={roles["Rare"]}&to={roles["Ward A"]}",
            $"results/conversation?a={roles["Rare"]}&b={roles["Ward A"]}",
            "results/export/results.zip", "results/export/results.xlsx", "results/export/network.graphml",
        };
        urls.AddRange(HeatmapViews.Select(v => $"results/heatmap?view={v}"));
        urls.AddRange(roles.Values.Select(r => $"results/roles/{r}"));

        var links = $"{org}/surveys/{id}/results/links";
        var made = await scenario.Facilitator.PostAsync($"{links}?handler=Create", [KeyValuePair.Create("days", "7")], links);
        var shared = System.Text.RegularExpressions.Regex.Match(made.Html, "id=\"link\">http://localhost(/r/[^<]+)<").Groups[1].Value;
        urls.AddRange([$"!{shared}", $"!{shared}?view=frequent"]);

        foreach (var url in urls)
        {
            // "!" marks a link outside the organisation's pages, opened without an account.
            using var response = url.StartsWith('!')
                ? await scenario.Anonymous.Http.GetAsync(url[1..])
                : await scenario.Viewer.Http.GetAsync($"{org}/surveys/{id}/{url}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsByteArrayAsync();
            var text = body.AsSpan().StartsWith("PK"u8) ? Unzipped(body) : Encoding.UTF8.GetString(body);
            foreach (var secret in Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{url} shows {secret.Trim()}");
            }
        }

        var tie = await scenario.Viewer.GetAsync($"{org}/surveys/{id}/results/tie?from={roles["Rare"]}&to={roles["Ward A"]}");
        Assert.Contains("Fewer than 5 responses", tie.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Wards A and B, six people each, rate everyone 4 or 5; the two people of "Rare" rate Ward A low
    /// (tie 13/7, frequent 1, the rest 2 and 1) and the wards high.
    /// </summary>
    private async Task<Guid> SurveyAsync(string title)
    {
        var id = await scenario.OpenSurveyAsync(title, ("Ward A", true, true), ("Ward B", true, true), ("Rare", true, true));
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        for (var i = 0; i < 12; i++)
        {
            var role = i < 6 ? "Ward A" : "Ward B";
            foreach (var target in new[] { "Ward A", "Ward B", "Rare" })
            {
                var s = 4 + ((i + target.Length) % 2);
                csv.Append(CultureInfo.InvariantCulture, $"P{i},{role},{target},{s},{s},5,4,{s},5,4\n");
            }
        }

        csv.Append("X1,Rare,Ward A,1,2,2,2,2,2,2\nX1,Rare,Ward B,5,5,5,4,4,4,5\nX1,Rare,Rare,4,4,4,4,4,4,4\n");
        csv.Append("X2,Rare,Ward A,1,2,2,2,2,2,2\nX2,Rare,Ward B,4,4,4,5,5,5,4\nX2,Rare,Rare,5,5,5,5,5,5,5\n");
        Assert.Equal(HttpStatusCode.OK, (await scenario.ImportAsync(id, csv.ToString())).Status);
        await scenario.CloseSurveyAsync(id);
        return id;
    }

    private static string Unzipped(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes));
        return string.Concat(zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }
}
