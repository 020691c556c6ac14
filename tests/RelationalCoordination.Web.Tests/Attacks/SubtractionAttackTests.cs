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
using static RelationalCoordination.Web.Tests.Attacks.PublishedViews;

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

        foreach (var survey in new[] { before, low, high })
        {
            await PlanAsync(survey);
        }

        var lowViews = await EveryViewAsync(api, low, before);
        var highViews = await EveryViewAsync(api, high, before);

        Assert.Equal(lowViews.Keys, highViews.Keys);
        Assert.True(lowViews.Count > 40, $"only {lowViews.Count} views walked");
        Assert.Contains("Did the interventions work?", lowViews["results/compare"], StringComparison.Ordinal);
        Assert.Contains(" targeted\"", lowViews["results/heatmap?view=rc"], StringComparison.Ordinal);
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

    /// <summary>
    /// A change plan that works on the lone pharmacist's ties: an intervention targeting them (and
    /// a reportable tie), the structures at their boundary, an outcome measure. Its views, the
    /// comparison's effect of the interventions included, must still not depend on the lone answers.
    /// </summary>
    private async Task PlanAsync(Guid id)
    {
        var plan = $"{Org}/surveys/{id}/change/interventions";
        var saved = await scenario.Facilitator.PostFromAsync(plan, plan, ("Input.Item", "conversations-of-interdependence"),
            ("Input.Targets[0].From", "Nurses"), ("Input.Targets[0].To", "Pharmacists"), ("Input.Targets[1].From", "Pharmacists"), ("Input.Targets[1].To", "Nurses"),
            ("Input.Targets[2].From", "Nurses"), ("Input.Targets[2].To", "Physicians"));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var structures = $"{Org}/surveys/{id}/change/structures?a=Nurses&b=Pharmacists";
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.Facilitator.PostFromAsync(structures, structures, ("Ratings[0].Structure", "shared-protocols"), ("Ratings[0].Presence", "Absent"))).Status);
        var outcomes = $"{Org}/surveys/{id}/change/outcomes";
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.Facilitator.PostFromAsync(outcomes, outcomes, ("Input.Heading", "QualityAndSafety"), ("Input.Name", "Readmissions"), ("Input.Value", "7"))).Status);
    }

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
        var pages = new List<string> { "results", "results/report", "results/network", "results/network?handler=Svg", "results/start", "results/compare", "results/series", "results/export/results.zip", "results/export/results.xlsx", "results/export/network.graphml", "change" };
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

        // The change team's pages, for facilitators: the boundary of the lone pharmacist shows its ties or that they are withheld.
        foreach (var page in new[] { "change/structures?a=Nurses&b=Pharmacists", "change/interventions?item=shared-protocols&from=Nurses&to=Pharmacists", "change/outcomes" })
        {
            using var response = await scenario.Facilitator.Http.GetAsync($"{survey}/{page}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {response.StatusCode}");
            views[page] = Normalise(await response.Content.ReadAsByteArrayAsync(), id, roles);
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
}
