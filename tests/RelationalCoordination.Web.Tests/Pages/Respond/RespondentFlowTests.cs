using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Pages.Respond;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

/// <summary>Answering a survey through the respondent pages, as plain forms (no JavaScript).</summary>
public sealed class RespondentFlowTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task A_respondent_answers_every_question_and_exactly_those_answers_are_stored()
    {
        var (id, key, roles) = await OpenSurveyAsync("Whole flow");
        using var respondent = new Respondent(app, key);

        var welcome = await respondent.Client.GetAsync(respondent.Base);
        Assert.Equal(HttpStatusCode.OK, welcome.Status);
        Assert.Contains("Whole flow", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("Results appear only when the survey has closed, and only for groups of at least 5 people", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("Physicians", welcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("on call", welcome.Text, StringComparison.Ordinal);   // rated, but does not answer

        var started = await respondent.StartAsync(roles["Nurses"]);
        Assert.Equal($"/s/{key}/q/1", started.Location);
        for (var n = 1; n <= 7; n++)
        {
            var question = await respondent.Client.GetAsync($"/s/{key}/q/{n}");
            Assert.Contains($"Question {n} of 7", question.Text, StringComparison.Ordinal);
            Assert.Contains("discharging a patient", question.Text, StringComparison.Ordinal);
            var saved = await respondent.AnswerAsync(n, Scores(roles, n), n == 7 ? "review" : "next");
            Assert.Equal(n == 7 ? $"/s/{key}/review" : $"/s/{key}/q/{n + 1}", saved.Location);
        }

        var review = await respondent.Client.GetAsync($"/s/{key}/review");
        Assert.Contains("You have answered every question.", review.Text, StringComparison.Ordinal);
        var submitted = await respondent.SubmitAsync();
        Assert.Equal($"/s/{key}/thanks", submitted.Location);
        Assert.Contains("Thank you!", (await respondent.Client.GetAsync(submitted.Location!)).Text, StringComparison.Ordinal);

        var response = await app.QueryAsync(db => db.Responses.Include(r => r.Answers).SingleAsync(r => r.SurveyId == id));
        Assert.Equal(roles["Nurses"], response.RoleId);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), response.SubmittedOn);
        Assert.Equal(3, response.Answers.Count);
        foreach (var answer in response.Answers)
        {
            AssertStoredAsGiven(roles, answer);
        }

        var draft = await app.QueryAsync(db => db.ResponseDrafts.SingleAsync(d => d.SurveyId == id));
        Assert.True(draft.Submitted);
        Assert.Equal("{}", draft.Answers);
    }

    [Fact]
    public async Task Every_step_is_saved_so_the_respondent_resumes_on_the_same_device_or_another_with_the_resume_code()
    {
        var (_, key, roles) = await OpenSurveyAsync("Resume");
        using var phone = new Respondent(app, key);
        await phone.StartAsync(roles["Physicians"]);
        await phone.AnswerAsync(1, Scores(roles, 1));
        await phone.AnswerAsync(2, Scores(roles, 2));

        // Same device, later: the welcome page offers to continue, and continuing goes to question 3.
        var welcome = await phone.Client.GetAsync(phone.Base);
        Assert.Contains("Your role: Physicians", welcome.Text, StringComparison.Ordinal);
        Assert.Equal($"/s/{key}/q/3", (await phone.Client.PostAsync(phone.Base)).Location);
        var first = await phone.Client.GetAsync($"/s/{key}/q/1");
        Assert.Equal(3, CheckedCount(first.Html));

        // Another device, with the code shown on every step.
        var code = await phone.ResumeCodeAsync();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", code);
        using var laptop = new Respondent(app, key);
        var wrong = await laptop.Client.PostAsync($"/s/{key}/resume", ("code", "ZZZZ-ZZZZ"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("We do not know this code", wrong.Text, StringComparison.Ordinal);
        var resumed = await laptop.Client.PostAsync($"/s/{key}/resume", ("code", code.ToLowerInvariant().Replace('0', 'o')));
        Assert.Equal($"/s/{key}/q/3", resumed.Location);
        var second = await laptop.Client.GetAsync($"/s/{key}/q/2");
        Assert.Equal(3, CheckedCount(second.Html));
        var nurses = Scores(roles, 2)[roles["Nurses"]];
        Assert.Contains($"name=\"q2.{roles["Nurses"]:N}\" value=\"{(nurses == 0 ? "na" : nurses)}\" checked=\"checked\"", second.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tap_saved_in_the_background_stays_on_the_question_and_keeps_the_answer()
    {
        var (id, key, roles) = await OpenSurveyAsync("Background save");
        using var respondent = new Respondent(app, key);
        await respondent.StartAsync(roles["Nurses"]);

        var saved = await respondent.AnswerAsync(2, new Dictionary<Guid, int> { [roles["Physicians"]] = 5 }, "save");

        Assert.Equal(HttpStatusCode.NoContent, saved.Status);
        var draft = await app.QueryAsync(db => db.ResponseDrafts.SingleAsync(d => d.SurveyId == id));
        Assert.Equal(2, draft.Step);   // a resume comes back to this question, not past it
        Assert.Contains($"name=\"q2.{roles["Physicians"]:N}\" value=\"5\" checked=\"checked\"", (await respondent.Client.GetAsync($"/s/{key}/q/2")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saves_of_one_draft_from_several_tabs_at_once_keep_every_answer()
    {
        // Each save applies to the draft as its request read it, unless another save came first:
        // then it is merged again under the row lock. Seven questions posted at once, five times
        // over, make those collisions; no answer may be lost to them.
        var (id, key, roles) = await OpenSurveyAsync("Tabs");
        for (var round = 0; round < 5; round++)
        {
            using var respondent = new Respondent(app, key);
            await respondent.StartAsync(roles["Nurses"]);
            var saves = await Task.WhenAll(Enumerable.Range(1, 7).Select(n => respondent.AnswerAsync(n, Scores(roles, n), "save")));
            Assert.All(saves, s => Assert.Equal(HttpStatusCode.NoContent, s.Status));
            for (var n = 1; n <= 7; n++)
            {
                Assert.Equal(3, CheckedCount((await respondent.Client.GetAsync($"/s/{key}/q/{n}")).Html));
            }

            Assert.Equal($"/s/{key}/thanks", (await respondent.SubmitAsync()).Location);
        }

        // Closing stores the five responses, each with all 7 × 3 scores as given.
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Close", [], $"{Org}/surveys/{id}")).Status);
        var responses = await app.QueryAsync(db => db.Responses.Include(r => r.Answers).Where(r => r.SurveyId == id).ToListAsync());
        Assert.Equal(5, responses.Count);
        foreach (var answer in responses.SelectMany(r => r.Answers))
        {
            AssertStoredAsGiven(roles, answer);
        }
    }

    [Fact]
    public async Task A_stale_form_is_refused_but_sends_the_respondent_back_to_the_page()
    {
        var (id, key, roles) = await OpenSurveyAsync("Stale form");
        using var respondent = new Respondent(app, key);
        await respondent.StartAsync(roles["Nurses"]);
        var before = await DraftAnswersAsync(id);

        var stale = await respondent.Client.PostWithTokenAsync($"/s/{key}/q/2?lang=en", [.. Respondent.Fields(2, Scores(roles, 2)), KeyValuePair.Create("go", "next")], "not-a-token");
        var noToken = await respondent.Client.PostWithTokenAsync($"/s/{key}/review", [], null);

        Assert.Equal(HttpStatusCode.Redirect, stale.Status);
        Assert.Equal($"/s/{key}/q/2?lang=en", stale.Location);
        Assert.Equal($"/s/{key}/review", noToken.Location);
        Assert.Equal(before, await DraftAnswersAsync(id));
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task A_double_submit_a_refresh_and_two_concurrent_submits_store_exactly_one_response()
    {
        var (id, key, roles) = await OpenSurveyAsync("Double submit");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var respondent = new Respondent(app, key);
            await respondent.StartAsync(roles["Nurses"]);
            await respondent.AnswerAsync(1, Scores(roles, 1));
            var token = await respondent.Client.TokenAsync($"/s/{key}/review");
            var submits = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                respondent.Client.PostWithTokenAsync($"/s/{key}/review", [], token)));
            Assert.All(submits, s => Assert.Equal($"/s/{key}/thanks", s.Location));

            // Back to a question and answering again, or submitting again, changes nothing.
            Assert.Equal($"/s/{key}/thanks", (await respondent.Client.GetAsync($"/s/{key}/q/1")).Location);
            Assert.Equal($"/s/{key}/thanks", (await respondent.AnswerAsync(1, Scores(roles, 1))).Location);
            Assert.Equal($"/s/{key}/thanks", (await respondent.Client.PostWithTokenAsync($"/s/{key}/review", [], token)).Location);
        }

        Assert.Equal(3, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task The_review_lists_what_is_unanswered_and_a_partial_response_keeps_only_what_was_answered()
    {
        var (id, key, roles) = await OpenSurveyAsync("Partial");
        using var respondent = new Respondent(app, key);
        await respondent.StartAsync(roles["Nurses"]);
        await respondent.AnswerAsync(3, new Dictionary<Guid, int> { [roles["Physicians"]] = 4, [roles["Nurses"]] = 0 }, "review");

        var review = await respondent.Client.GetAsync($"/s/{key}/review");
        Assert.Contains("Unanswered: Nurses, Physicians, Læger, \"on call\" <b>", review.Text, StringComparison.Ordinal);
        Assert.Contains("Unanswered: Læger, \"on call\" <b>", review.Text, StringComparison.Ordinal);
        await respondent.SubmitAsync();

        var answers = await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).SelectMany(r => r.Answers).ToListAsync());
        var answer = Assert.Single(answers);
        Assert.Equal(roles["Physicians"], answer.TargetRoleId);
        Assert.Equal((short)4, answer.Accurate);
        Assert.Null(answer.Frequent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_response_with_nothing_answered_or_only_not_applicable_is_refused(bool notApplicable)
    {
        var (id, key, roles) = await OpenSurveyAsync($"Empty {notApplicable}");
        using var respondent = new Respondent(app, key);
        await respondent.StartAsync(roles["Nurses"]);
        if (notApplicable)
        {
            await respondent.AnswerAsync(1, roles.Values.ToDictionary(r => r, _ => 0));
        }

        var refused = await respondent.SubmitAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("Answer at least one question with one of its options", refused.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.False(await app.QueryAsync(db => db.ResponseDrafts.Where(d => d.SurveyId == id).Select(d => d.Submitted).SingleAsync()));
    }

    [Fact]
    public async Task After_submitting_the_browser_keeps_no_resume_code_and_a_cached_role_form_starts_nothing()
    {
        var (id, key, roles) = await OpenSurveyAsync("After submit");
        using var respondent = new Respondent(app, key);
        await respondent.StartAsync(roles["Nurses"]);
        await respondent.AnswerAsync(1, Scores(roles, 1));
        var token = await respondent.Client.TokenAsync(respondent.Base);
        await respondent.SubmitAsync();

        var welcome = await respondent.Client.GetAsync(respondent.Base);
        Assert.Contains("You have already answered this survey on this device.", welcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("resume-code", welcome.Html, StringComparison.Ordinal);
        var again = await respondent.Client.PostWithTokenAsync(respondent.Base, [KeyValuePair.Create("chosenRole", roles["Nurses"].ToString())], token);
        Assert.Contains("You have already answered", again.Text, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id)));

        // A shared device: the next person starts on purpose.
        Assert.Equal(respondent.Base, (await respondent.Client.PostAsync($"{respondent.Base}?handler=New")).Location);
        Assert.Contains("What is your role?", (await respondent.Client.GetAsync(respondent.Base)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q1.{nurses}", "6")]
    [InlineData("q1.{nurses}", "0")]
    [InlineData("q1.{nurses}", "x")]
    [InlineData("q1.{nurses}", "")]
    [InlineData("q1.{other}", "3")]
    [InlineData("q2.{nurses}", "3")]
    [InlineData("q1.not-a-role", "3")]
    public async Task An_answer_that_is_not_an_option_is_refused_and_nothing_is_saved(string field, string value)
    {
        var (id, key, roles) = await OpenSurveyAsync("Bad answers");
        using var respondent = new Respondent(app, key);
        await respondent.StartAsync(roles["Nurses"]);
        await respondent.AnswerAsync(1, Scores(roles, 1));
        var before = await DraftAnswersAsync(id);

        var name = field.Replace("{nurses}", roles["Nurses"].ToString("N"), StringComparison.Ordinal)
            .Replace("{other}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
        var refused = await respondent.Client.PostAsync($"/s/{key}/q/1", (name, value), ("go", "next"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("was not an option of this question", refused.Text, StringComparison.Ordinal);
        Assert.Equal(before, await DraftAnswersAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.Client.GetAsync($"/s/{key}/q/8")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.Client.GetAsync($"/s/{key}/q/0")).Status);
    }

    [Fact]
    public async Task Unknown_not_yet_open_and_closed_surveys_answer_with_a_friendly_page_and_take_no_answers()
    {
        var unknown = await scenario.Anonymous.GetAsync("/s/zzzzzzzz");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("We could not find this survey", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Anonymous.GetAsync("/s/not a key!")).Status);

        var (id, key, roles) = await OpenSurveyAsync("States");
        using var early = new Respondent(app, key);
        await early.StartAsync(roles["Nurses"]);
        await early.AnswerAsync(1, Scores(roles, 1));

        var opens = new DateTimeOffset(2031, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.OpensAt, opens)));
        // Changed behind the app's back: the pages would show it once their copy expires.
        app.Services.GetRequiredService<SurveyDefinitions>().Changed();
        using var visitor = new Respondent(app, key);
        var notOpen = await visitor.Client.GetAsync(visitor.Base);
        Assert.Equal(HttpStatusCode.OK, notOpen.Status);
        Assert.Contains("This survey is not open yet. It opens on 1 March 2031.", notOpen.Text, StringComparison.Ordinal);
        Assert.Contains("not open yet", (await visitor.StartAsync(roles["Nurses"])).Text, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id)));
        Assert.Equal(early.Base, (await early.Client.GetAsync($"/s/{key}/q/2")).Location);

        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.OpensAt, (DateTimeOffset?)null)));
        app.Services.GetRequiredService<SurveyDefinitions>().Changed();
        var closed = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Close", [], $"{Org}/surveys/{id}");
        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        var closedPage = await visitor.Client.GetAsync(visitor.Base);
        Assert.Contains("This survey has closed.", closedPage.Text, StringComparison.Ordinal);
        Assert.Equal(early.Base, (await early.AnswerAsync(2, Scores(roles, 2))).Location);
        Assert.Equal(early.Base, (await early.Client.PostFromAsync(early.Base, $"/s/{key}/review")).Location);

        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(0, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id)));
    }

    [Fact]
    public async Task A_role_link_preselects_the_role()
    {
        var (id, key, roles) = await OpenSurveyAsync("Role link");
        using var respondent = new Respondent(app, key);

        var page = await respondent.Client.GetAsync($"/s/{key}/2");
        Assert.Contains("Your role: Physicians", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("What is your role?", page.Text, StringComparison.Ordinal);
        await respondent.Client.PostAsync($"/s/{key}/2", ("chosenRole", roles["Physicians"].ToString()));

        Assert.Equal(roles["Physicians"], await app.QueryAsync(db => db.ResponseDrafts.Where(d => d.SurveyId == id).Select(d => d.RoleId).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.Client.GetAsync($"/s/{key}/99")).Status);
        var noRole = await new Respondent(app, key).Client.PostAsync($"/s/{key}", ("chosenRole", roles["Læger, \"on call\" <b>"].ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, noRole.Status);
        Assert.True(noRole.Text.Contains("Choose your role to start.", StringComparison.Ordinal), noRole.Text);
    }

    [Fact]
    public async Task Respondent_pages_speak_the_browsers_language_and_switch_on_request()
    {
        var (_, key, roles) = await OpenSurveyAsync("Languages");
        using var respondent = new Respondent(app, key);
        respondent.Client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("da-DK,da;q=0.9,en;q=0.5");

        var danish = await respondent.Client.GetAsync(respondent.Base);
        Assert.Contains("<html lang=\"da\">", danish.Html, StringComparison.Ordinal);
        Assert.Contains("Hvad er din rolle?", danish.Text, StringComparison.Ordinal);
        await respondent.StartAsync(roles["Nurses"]);
        var question = await respondent.Client.GetAsync($"/s/{key}/q/1");
        Assert.Contains("Spørgsmål 1 af 7", question.Text, StringComparison.Ordinal);
        Assert.Contains("ved ikke", question.Text, StringComparison.OrdinalIgnoreCase);

        var english = await respondent.Client.GetAsync($"/s/{key}/q/1?lang=en");
        Assert.Contains("Question 1 of 7", english.Text, StringComparison.Ordinal);
        Assert.Contains("Question 1 of 7", (await respondent.Client.GetAsync($"/s/{key}/q/1")).Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/s/" + key + "/q/1?lang=da\"", english.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_response_rate_counts_submitted_and_in_progress_responses_per_role()
    {
        var (id, key, roles) = await OpenSurveyAsync("In progress");
        foreach (var submit in new[] { true, false, false })
        {
            using var respondent = new Respondent(app, key);
            await respondent.StartAsync(roles["Nurses"]);
            await respondent.AnswerAsync(1, Scores(roles, 1));
            if (submit)
            {
                await respondent.SubmitAsync();
            }
        }

        var details = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}");
        Assert.Contains("Nurses | 1 | 2 | — | no headcount", ImportExportTests.RatesTable(details.Html));
        Assert.Contains("All roles | 1 | 2 | — | no headcount", ImportExportTests.RatesTable(details.Html));
        var viewer = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}");
        Assert.Contains("Nurses | fewer than 5 | fewer than 5 | — | —", ImportExportTests.RatesTable(viewer.Html));
        Assert.Contains("All roles | — | — | — | —", ImportExportTests.RatesTable(viewer.Html));
    }

    private Task<(Guid Id, string Key, Dictionary<string, Guid> Roles)> OpenSurveyAsync(string title) => OpenSurveyAsync(app, scenario, title);

    /// <summary>Opens a survey of three roles (one rated but not answering, its name full of quoting) through the facilitator's pages.</summary>
    internal static async Task<(Guid Id, string Key, Dictionary<string, Guid> Roles)> OpenSurveyAsync(AppFactory app, Scenario scenario, string title)
    {
        var org = $"/orgs/{scenario.OrgId}";
        var id = await scenario.CreateSurveyAsync(scenario.Facilitator, title,
            ("Nurses", true, true), ("Physicians", true, true), ("Læger, \"on call\" <b>", false, true));
        var opened = await scenario.Facilitator.PostAsync($"{org}/surveys/{id}?handler=Open", [], $"{org}/surveys/{id}");
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        return (id, await Respondent.KeyOfAsync(app, id), await Respondent.RolesAsync(app, id));
    }

    /// <summary>An answer holds the seven scores <see cref="Scores"/> gives its target role ("not applicable" as null).</summary>
    private static void AssertStoredAsGiven(Dictionary<string, Guid> roles, Answer answer)
    {
        var expected = Enumerable.Range(1, 7).Select(n => Scores(roles, n)[answer.TargetRoleId]).Select(s => s == 0 ? (short?)null : (short)s);
        Assert.Equal(expected, [answer.Frequent, answer.Timely, answer.Accurate, answer.ProblemSolving, answer.SharedGoals, answer.SharedKnowledge, answer.MutualRespect]);
    }

    /// <summary>A fixed, varied pattern of answers: item n about each role, 0 = not applicable.</summary>
    internal static Dictionary<Guid, int> Scores(Dictionary<string, Guid> roles, int n) =>
        roles.Values.Order().Select((role, i) => (role, score: ((n * 3) + (i * 2)) % 6)).ToDictionary(x => x.role, x => x.score);

    private static int CheckedCount(string html) => html.Split("checked=\"checked\"").Length - 1;

    private Task<string> DraftAnswersAsync(Guid id) =>
        app.QueryAsync(db => db.ResponseDrafts.Where(d => d.SurveyId == id).Select(d => d.Answers).SingleAsync());
}
