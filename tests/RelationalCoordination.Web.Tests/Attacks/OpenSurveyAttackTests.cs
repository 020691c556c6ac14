using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Attacks.AttackSurveys;
using static RelationalCoordination.Web.Tests.Attacks.PublishedViews;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// While a survey is open nothing but response counts exists (issue 15): an insider who reads every
/// page, export, share link and endpoint of an open survey learns nothing about its answers. The
/// test that settles it: two open surveys whose respondents answered everything 1 and everything 5
/// show byte for byte the same thing everywhere, the organisation's export included.
/// </summary>
public sealed partial class OpenSurveyAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string[] Views = ["rc", "frequent", "mutual_respect"];

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task Two_open_surveys_whose_answers_differ_show_the_same_everywhere()
    {
        using var api = await scenario.ApiClientAsync("Open twins");
        var before = await ClosedSurveyAsync(api, "Open twin", Responses(pharmacist: 3, pharmacists: 3), previous: null);
        var low = await OpenSurveyAsync(api, "Open twin", Everything(1), before);
        var high = await OpenSurveyAsync(api, "Open twin", Everything(5), before);

        var lowViews = await EveryViewAsync(api, low, before);
        var highViews = await EveryViewAsync(api, high, before);

        Assert.Equal(lowViews.Keys, highViews.Keys);
        Assert.True(lowViews.Count > 40, $"only {lowViews.Count} views walked");
        foreach (var (view, content) in lowViews)
        {
            Assert.True(content == highViews[view], $"{view} differs between the open twins:\n{FirstDifference(content, highViews[view])}");
        }

        Assert.Contains("Results appear when the survey closes", lowViews["viewer results"], StringComparison.Ordinal);

        // The same walk tells closed surveys apart: once closed, the twins' results differ.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{low}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{high}/close", null)).StatusCode);
        var closedLow = await EveryViewAsync(api, low, before);
        var closedHigh = await EveryViewAsync(api, high, before);
        var differing = closedLow.Keys.Where(view => closedLow[view] != closedHigh[view]).ToList();
        Assert.Contains("viewer results/heatmap?view=rc", differing);
        Assert.Contains("organisation export", differing);
        Assert.Contains("api results ties", differing);
    }

    /// <summary>Three nurses, three physicians and three pharmacists, each rating every role <paramref name="score"/> on every item.</summary>
    private static string Everything(int score)
    {
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        foreach (var role in Roles)
        {
            for (var i = 0; i < 3; i++)
            {
                foreach (var target in Roles)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{role[..3]}{i},{role},{target},{string.Join(',', Enumerable.Repeat(score, 7))}\n");
                }
            }
        }

        return csv.ToString();
    }

    /// <summary>
    /// What every page, export and endpoint of the survey answers — status, where it sends the
    /// reader, and its body with ids normalised — for viewers, facilitators, owners, the API and a
    /// share link; and the survey's folder of the organisation's export.
    /// </summary>
    private async Task<SortedDictionary<string, string>> EveryViewAsync(HttpClient api, Guid id, Guid before)
    {
        var roles = await Respondent.RolesAsync(app, id);
        var key = await Respondent.KeyOfAsync(app, id);
        var survey = $"{Org}/surveys/{id}";
        var views = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // The survey's own link and the moment it opened tell the twins apart, and say nothing of answers.
        string Normalise(byte[] body, Guid survey, Dictionary<string, Guid> roles) =>
            RowVersion().Replace(TraceId().Replace(Moment().Replace(PublishedViews.Normalise(body, survey, roles).Replace(key, "KEY", StringComparison.Ordinal), "TIME"), "TRACE"), "$1VERSION");
        var pages = new List<string>
        {
            "", "results", "results/report", "results/network", "results/network?handler=Svg", "results/start", "results/series",
            $"results/compare?earlier={before}", "results/compare", "results/export/results.zip", "results/export/results.xlsx", "results/export/network.graphml",
            "results/links", "change", "change/interventions", "change/outcomes", "change/structures?a=Nurses&b=Pharmacists", "sessions", "sessions/new",
            "share", "roles", "edit", "export/responses.csv",
        };
        pages.AddRange(Views.Select(v => $"results/heatmap?view={v}"));
        foreach (var (_, fromId) in roles)
        {
            pages.Add($"results/roles/{fromId}");
            foreach (var (_, toId) in roles.Where(r => r.Value != fromId))
            {
                pages.Add($"results/tie?from={fromId}&to={toId}");
                pages.Add($"results/conversation?a={fromId}&b={toId}");
            }
        }

        foreach (var page in pages)
        {
            foreach (var (who, member) in new[] { ("viewer", scenario.Viewer), ("owner", scenario.Owner) })
            {
                using var response = await member.Http.GetAsync($"{survey}/{page}");
                views[$"{who} {Name(page, roles)}"] = $"{(int)response.StatusCode} {Normalise(Encoding.UTF8.GetBytes(response.Headers.Location?.ToString() ?? ""), id, roles)}\n"
                    + Normalise(await response.Content.ReadAsByteArrayAsync(), id, roles);
            }
        }

        foreach (var path in new[] { "", "/results/ties", "/results/roles", "/results/summary", $"/compare/{before}" })
        {
            using var response = await api.GetAsync($"/api/v1/surveys/{id}{path}");
            views[$"api{path.Replace(before.ToString(), "EARLIER", StringComparison.Ordinal).Replace('/', ' ')}"] = $"{(int)response.StatusCode}\n{Normalise(await response.Content.ReadAsByteArrayAsync(), id, roles)}";
        }

        var links = $"{survey}/results/links";
        var made = await scenario.Facilitator.PostAsync($"{links}?handler=Create", [KeyValuePair.Create("days", "7")], links);
        var shared = SharedLink().Match(made.Html).Groups[1].Value;
        Assert.StartsWith("/r/", shared, StringComparison.Ordinal);
        views["share link"] = Normalise(await scenario.Anonymous.Http.GetByteArrayAsync(shared), id, roles).Replace(shared, "/r/LINK", StringComparison.Ordinal);

        // The organisation's export, everything in one zip: the survey's own folder of it.
        using var export = new ZipArchive(await scenario.Owner.Http.GetStreamAsync($"{Org}/settings?handler=Export"));
        using var organisation = System.Text.Json.JsonDocument.Parse(export.GetEntry("organisation.json")!.Open());
        var folder = organisation.RootElement.GetProperty("surveys").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id).GetProperty("folder").GetString()!;
        Assert.StartsWith("surveys/", folder, StringComparison.Ordinal);
        views["organisation export"] = string.Join("\n", export.Entries.Where(e => e.FullName.StartsWith(folder + "/", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal)
            .Select(e => $"== {e.FullName[folder.Length..]}\n{Normalise(Encoding.UTF8.GetBytes(new StreamReader(e.Open()).ReadToEnd()), id, roles)}"));
        return views;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")]
    private static partial System.Text.RegularExpressions.Regex Moment();

    [System.Text.RegularExpressions.GeneratedRegex("""(name="version" value=")\d+""")]
    private static partial System.Text.RegularExpressions.Regex RowVersion();

    [System.Text.RegularExpressions.GeneratedRegex("00-ID-[0-9a-f]{16}-00")]
    private static partial System.Text.RegularExpressions.Regex TraceId();
}
