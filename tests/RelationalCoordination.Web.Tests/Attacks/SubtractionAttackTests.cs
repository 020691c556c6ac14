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

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// The subtraction attack of issue 15, and every variant of it: an insider who can read results
/// (a viewer, a facilitator, an owner, an API token, a share link) tries to recover the answers of a
/// group smaller than k — here one lone pharmacist — by combining published figures: summary
/// against ties (<c>4·rc_between − 3·T(Nurses→Pharmacists)</c>), role figures against ties,
/// one view against another (heatmap, role profile, tie page, network, report, wave comparison,
/// share link, exports, API). The test that settles all of them at once: two closed surveys that
/// differ only in the lone pharmacist's answers (all 1s against all 5s) publish byte for byte the
/// same thing in every view — so no combination of published figures can depend on those answers.
/// </summary>
public sealed partial class SubtractionAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string[] ResultParts = ["ties", "roles", "summary"];

    private const int K = 3;
    private static readonly string[] Roles = ["Nurses", "Physicians", "Pharmacists"];
    private static readonly string[] Views = ["rc", "frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"];

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task The_summary_no_longer_gives_away_a_lone_respondent_by_subtraction()
    {
        using var api = await scenario.ApiClientAsync("Subtraction");
        var id = await ClosedSurveyAsync(api, "Subtraction", Responses(pharmacist: 1), previous: null);

        var summary = await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/summary");
        var ties = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/ties")).EnumerateArray().ToList();
        double Tie(string from, string to) => ties.Single(t => t.GetProperty("fromRole").GetString() == from && t.GetProperty("toRole").GetString() == to).GetProperty("strength").GetDouble();

        // The attack as found: with 7 respondents pooled, 7·rc_between − (the six others' share)
        // was the pharmacist's score. The summary now pools the six respondents of reportable ties
        // only, and says so: its rc_between is exactly their mean, leaving nothing to subtract.
        Assert.Equal(6, summary.GetProperty("respondents").GetInt32());
        var sixBetween = ((3 * ((Tie("Nurses", "Physicians") + Tie("Nurses", "Pharmacists")) / 2)) + (3 * ((Tie("Physicians", "Nurses") + Tie("Physicians", "Pharmacists")) / 2))) / 6;
        Assert.Equal(sixBetween, summary.GetProperty("rcBetween").GetDouble(), 1e-12);
        Assert.All(ties.Where(t => t.GetProperty("fromRole").GetString() == "Pharmacists"), t =>
        {
            Assert.True(t.GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, t.GetProperty("n").ValueKind);
            Assert.Equal(JsonValueKind.Null, t.GetProperty("strength").ValueKind);
        });
        var roles = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/roles")).EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, roles.Single(r => r.GetProperty("role").GetString() == "Pharmacists").GetProperty("respondents").ValueKind);
    }

    [Fact]
    public async Task Two_surveys_that_differ_only_in_a_lone_respondent_s_answers_publish_the_same_everywhere()
    {
        using var api = await scenario.ApiClientAsync("Twins");
        var before = await ClosedSurveyAsync(api, "Twin", Responses(pharmacist: 3), previous: null);
        var low = await ClosedSurveyAsync(api, "Twin", Responses(pharmacist: 1), before);
        var high = await ClosedSurveyAsync(api, "Twin", Responses(pharmacist: 5), before);

        var lowViews = await EveryViewAsync(api, low, before);
        var highViews = await EveryViewAsync(api, high, before);

        Assert.Equal(lowViews.Keys, highViews.Keys);
        Assert.True(lowViews.Count > 40, $"only {lowViews.Count} views walked");
        foreach (var (view, content) in lowViews)
        {
            Assert.True(content.Length > 0, $"{view} is empty");
            Assert.True(content == highViews[view], $"{view} differs between the twins:\n{FirstDifference(content, highViews[view])}");
        }

        // The walk can tell answers apart: the same views of a survey where the pharmacists are
        // three (a reportable group) do differ with their answers.
        var visible = await EveryViewAsync(api, await ClosedSurveyAsync(api, "Twin", Responses(pharmacist: 1, pharmacists: 3), before), before);
        var visibleHigh = await EveryViewAsync(api, await ClosedSurveyAsync(api, "Twin", Responses(pharmacist: 5, pharmacists: 3), before), before);
        Assert.Contains(visible.Keys, view => visible[view] != visibleHigh[view]);
    }

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

    /// <summary>
    /// Every view of a closed survey's results, normalised so that two surveys can be compared:
    /// ids of the survey and of its roles become names, other ids and form tokens are blanked, and
    /// zip files (the results zip, the workbook) are read entry by entry.
    /// </summary>
    private async Task<SortedDictionary<string, string>> EveryViewAsync(HttpClient api, Guid id, Guid before)
    {
        var roles = await Respondent.RolesAsync(app, id);
        var survey = $"{Org}/surveys/{id}";
        var views = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pages = new List<string> { "results", "results/report", "results/network", "results/network?handler=Svg", "results/start", "results/compare", "results/export/results.zip", "results/export/results.xlsx", "results/export/network.graphml" };
        pages.AddRange(Views.Select(v => $"results/heatmap?view={v}"));
        foreach (var (from, fromId) in roles)
        {
            pages.Add($"results/roles/{fromId}");
            foreach (var (to, toId) in roles)
            {
                pages.Add($"results/tie?from={fromId}&to={toId}");
                if (from != to)
                {
                    pages.Add($"results/conversation?a={fromId}&b={toId}");
                }
            }
        }

        foreach (var page in pages)
        {
            using var response = await scenario.Viewer.Http.GetAsync($"{survey}/{page}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {response.StatusCode}");
            views[Name(page, roles)] = Normalise(await response.Content.ReadAsByteArrayAsync(), id, roles);
        }

        foreach (var part in new[] { "ties", "roles", "summary" })
        {
            views[$"api {part}"] = Normalise(await api.GetByteArrayAsync($"/api/v1/surveys/{id}/results/{part}"), id, roles);
            views[$"api {part}.csv"] = Normalise(await CsvAsync(api, $"/api/v1/surveys/{id}/results/{part}"), id, roles);
        }

        views["api compare"] = Normalise(await api.GetByteArrayAsync($"/api/v1/surveys/{id}/compare/{before}"), id, roles);
        views["api compare.csv"] = Normalise(await CsvAsync(api, $"/api/v1/surveys/{id}/compare/{before}"), id, roles);

        // The share link, opened without an account.
        var links = $"{survey}/results/links";
        var made = await scenario.Facilitator.PostAsync($"{links}?handler=Create", [KeyValuePair.Create("days", "7")], links);
        var shared = SharedLink().Match(made.Html).Groups[1].Value;
        foreach (var view in new[] { "", "?view=rc", "?view=mutual_respect" })
        {
            using var response = await scenario.Anonymous.Http.GetAsync($"{shared}{view}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            views[$"share link{view}"] = Normalise(await response.Content.ReadAsByteArrayAsync(), id, roles).Replace(shared, "/r/LINK", StringComparison.Ordinal);
        }

        // The owner's raw export: random ids and order, so compared as a set of answer rows.
        var raw = await scenario.Owner.Http.GetStringAsync($"{survey}/export/responses.csv");
        views["raw responses"] = string.Join("\n", ResponsesCsv.Parse(raw).Respondents
            .Select(r => $"{r.Role}: {string.Join(" | ", r.Observations.Select(o => $"{o.TargetRole}={o.Scores}"))}").Order(StringComparer.Ordinal));
        return views;
    }

    private static async Task<byte[]> CsvAsync(HttpClient api, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await api.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Name(string page, Dictionary<string, Guid> roles) =>
        roles.Aggregate(page, (name, role) => name.Replace(role.Value.ToString(), role.Key, StringComparison.Ordinal));

    private static string Normalise(byte[] body, Guid survey, Dictionary<string, Guid> roles)
    {
        if (body.AsSpan().StartsWith("PK"u8))
        {
            using var zip = new ZipArchive(new MemoryStream(body));
            return string.Join("\n", zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).Select(e =>
            {
                using var reader = new StreamReader(e.Open());
                return $"== {e.FullName}\n{Normalise(Encoding.UTF8.GetBytes(reader.ReadToEnd()), survey, roles)}";
            }));
        }

        var text = Encoding.UTF8.GetString(body);
        text = text.Replace(survey.ToString(), "SURVEY", StringComparison.OrdinalIgnoreCase).Replace(survey.ToString("N"), "SURVEY", StringComparison.OrdinalIgnoreCase);
        foreach (var (name, role) in roles)
        {
            text = text.Replace(role.ToString(), $"ROLE:{name}", StringComparison.OrdinalIgnoreCase).Replace(role.ToString("N"), $"ROLE:{name}", StringComparison.OrdinalIgnoreCase);
        }

        // Any other id (another survey offered for comparison) says nothing about answers.
        // OpenXML names a workbook's parts with random relationship ids.
        return RelationshipId().Replace(AnyId().Replace(AntiforgeryToken().Replace(text, "$1TOKEN"), "ID"), "RID");
    }

    private static string FirstDifference(string a, string b)
    {
        var at = a.Zip(b).TakeWhile(p => p.First == p.Second).Count();
        return $"…{a[Math.Max(0, at - 120)..Math.Min(a.Length, at + 120)]}…\nagainst\n…{b[Math.Max(0, at - 120)..Math.Min(b.Length, at + 120)]}…";
    }

    /// <summary>
    /// Three nurses and three physicians, with varied answers, and <paramref name="pharmacists"/>
    /// pharmacists who answer every item <paramref name="pharmacist"/> about every role.
    /// </summary>
    internal static string Responses(int pharmacist, int pharmacists = 1)
    {
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        for (var i = 0; i < 3; i++)
        {
            foreach (var (role, r) in new[] { ("Nurses", 0), ("Physicians", 1) })
            {
                for (var t = 0; t < Roles.Length; t++)
                {
                    var items = Enumerable.Range(0, 7).Select(k => 1 + ((i + (2 * r) + t + k) % 5));
                    csv.Append(CultureInfo.InvariantCulture, $"{role[0]}{i},{role},{Roles[t]},{string.Join(',', items)}\n");
                }
            }
        }

        for (var p = 0; p < pharmacists; p++)
        {
            foreach (var target in Roles)
            {
                csv.Append(CultureInfo.InvariantCulture, $"X{p},Pharmacists,{target},{string.Join(',', Enumerable.Repeat(pharmacist, 7))}\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>Creates, opens, fills and closes a survey of the three roles at k = 3 through the API.</summary>
    internal static async Task<Guid> ClosedSurveyAsync(HttpClient api, string title, string csv, Guid? previous)
    {
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title,
            workProcess = "discharging a patient",
            minimumGroupSize = K,
            roles = Roles.Select(r => new { name = r }),
            previousWaveId = previous,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/open", null)).StatusCode);
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/responses/import", content)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        return id;
    }

    [GeneratedRegex("""id="link">http://localhost(/r/[^<]+)<""")]
    private static partial Regex SharedLink();

    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex AnyId();

    [GeneratedRegex(@"\bR[0-9a-f]{16}\b")]
    private static partial Regex RelationshipId();

    [GeneratedRegex("""(name="__RequestVerificationToken" type="hidden" value=")[^"]+""")]
    private static partial Regex AntiforgeryToken();
}
