using System.Net;
using System.Text.RegularExpressions;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Attacks.AttackSurveys;
using static RelationalCoordination.Web.Tests.Attacks.PublishedViews;
using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;
using static RelationalCoordination.Web.Tests.Pages.Sessions.SessionPages;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// A feedback session is a new way to read published results: the reveal sets the room's
/// predictions beside ties, the strengths compare waves, the next steps name ties and roles. An
/// insider who predicts the ties of a group smaller than k — here one lone pharmacist — hopes the
/// reveal, or any step, lets slip how that group answered. It shows nothing about such a tie but
/// that fewer than k answered, and two surveys that differ only in the lone pharmacist's answers
/// give byte for byte the same session, on every step and on the printable report.
/// </summary>
public sealed partial class FeedbackSessionAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task A_tie_rated_by_fewer_than_k_shows_nothing_on_the_session_steps_or_the_printable_report()
    {
        using var api = await scenario.ApiClientAsync("Session below k");
        var id = await ClosedSurveyAsync(api, "Session below k", Responses(pharmacist: 1), previous: null);
        var roles = await Respondent.RolesAsync(app, id);
        var session = await CreateAsync(scenario, id);
        // The room predicts every tie of the lone pharmacist, and one reportable tie.
        await PredictAsync(scenario, id, session,
        [
            KeyValuePair.Create(Field(roles["Pharmacists"], roles["Nurses"]), "strong"),
            KeyValuePair.Create(Field(roles["Pharmacists"], roles["Physicians"]), "weak"),
            KeyValuePair.Create(Field(roles["Nurses"], roles["Physicians"]), "moderate"),
        ]);

        var pages = Enumerable.Range(1, 6).Select(n => Step(scenario, id, session, n)).Append(Print(scenario, id, session)).ToList();
        foreach (var url in pages)
        {
            var page = await scenario.Viewer.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.OK, $"{url}: {page.Status}");
            var text = Squash(page.Text);
            // The pharmacists' ties appear only as the reveal's rows that say they cannot be shown.
            var mentions = PharmacistsRating().Count(text);
            var rows = page.Html.Contains("id=\"reveal\"", StringComparison.Ordinal)
                ? Rows(page.Html, "reveal").Where(r => r.StartsWith("How Pharmacists", StringComparison.Ordinal)).ToList()
                : [];
            Assert.True(mentions == rows.Count, $"{url}: the pharmacists' ties are named {mentions} times outside the reveal's rows: {text}");
            Assert.All(rows, row =>
            {
                Assert.Matches($"^How Pharmacists experience (Nurses|Physicians) \\| (strong|weak) \\| fewer than {K} answered \\| Nothing to compare with\\.$", row);
                Assert.DoesNotMatch(NumberPattern(), row);
            });
            Assert.DoesNotContain("n=1", text, StringComparison.Ordinal);
        }

        var reveal = await scenario.Viewer.GetAsync(Step(scenario, id, session, 3));
        Assert.Equal(2, Rows(reveal.Html, "reveal").Count(r => r.StartsWith("How Pharmacists", StringComparison.Ordinal)));
        Assert.Contains("agree on 0 of the 1 predicted ties that can be shown", Squash(reveal.Text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_surveys_that_differ_only_in_a_lone_respondents_answers_give_the_same_session()
    {
        using var api = await scenario.ApiClientAsync("Session twins");
        var before = await ClosedSurveyAsync(api, "Session twin", Responses(pharmacist: 3), previous: null);
        var low = await ClosedSurveyAsync(api, "Session twin", Responses(pharmacist: 1), before);
        var high = await ClosedSurveyAsync(api, "Session twin", Responses(pharmacist: 5), before);

        var lowViews = await SessionViewsAsync(low);
        var highViews = await SessionViewsAsync(high);

        Assert.Equal(lowViews.Keys, highViews.Keys);
        foreach (var (view, content) in lowViews)
        {
            Assert.True(content == highViews[view], $"{view} differs between the twins:\n{FirstDifference(content, highViews[view])}");
        }

        // The walk can tell answers apart: with three pharmacists (a reportable group) their answers do show.
        var visible = await SessionViewsAsync(await ClosedSurveyAsync(api, "Session twin", Responses(pharmacist: 1, pharmacists: 3), before));
        var visibleHigh = await SessionViewsAsync(await ClosedSurveyAsync(api, "Session twin", Responses(pharmacist: 5, pharmacists: 3), before));
        Assert.Contains(visible.Keys, view => visible[view] != visibleHigh[view]);
    }

    /// <summary>A session of the survey with the same predictions, every step and the report, normalised so two surveys compare.</summary>
    private async Task<SortedDictionary<string, string>> SessionViewsAsync(Guid id)
    {
        var roles = await Respondent.RolesAsync(app, id);
        var session = await CreateAsync(scenario, id, "Twin session");
        await PredictAsync(scenario, id, session,
        [
            .. Roles.SelectMany(from => Roles.Where(to => to != from).Select(to => KeyValuePair.Create(Field(roles[from], roles[to]), (from.Length + to.Length) % 3 == 0 ? "weak" : "strong"))),
        ]);
        var views = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, url) in Enumerable.Range(1, 6).Select(n => ($"step {n}", Step(scenario, id, session, n))).Append(("print", Print(scenario, id, session))))
        {
            using var response = await scenario.Viewer.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode}");
            views[name] = Normalise(await response.Content.ReadAsByteArrayAsync(), id, roles);
        }

        return views;
    }

    /// <summary>A pharmacists' tie named as a tie: "How Pharmacists experience …" or "Pharmacists experience … as …".</summary>
    [GeneratedRegex("(How )?Pharmacists experience (Nurses|Physicians|Pharmacists)")]
    private static partial Regex PharmacistsRating();
}
