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

/// <summary>Reaching a survey as a respondent: what an unknown, unopened or closed survey says, role links, language, and the response rate the facilitator sees.</summary>
public sealed class RespondentEntryTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

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
        var closed = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/close", []);
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

    private Task<(Guid Id, string Key, Dictionary<string, Guid> Roles)> OpenSurveyAsync(string title) => RespondentSurveys.OpenSurveyAsync(app, scenario, title);
}
