using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Pages.Respond;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.Respond.RespondentSurveys;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

/// <summary>The respondent's draft, as plain forms: saved at every step, resumed, safe against stale forms, several tabs and double submits.</summary>
public sealed class RespondentDraftTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

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
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/close", [])).Status);
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

    private Task<(Guid Id, string Key, Dictionary<string, Guid> Roles)> OpenSurveyAsync(string title) => RespondentSurveys.OpenSurveyAsync(app, scenario, title);

    private Task<string> DraftAnswersAsync(Guid id) => RespondentSurveys.DraftAnswersAsync(app, id);
}
