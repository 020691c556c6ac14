using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

/// <summary>
/// The respondent pages keep surveys in memory for a few seconds (SurveyDefinitions), so what they
/// write must not rely on that copy. Alone: a survey saved by a test running alongside would make
/// the copy stale, and the pages would read the survey again instead of relying on it.
/// </summary>
[Collection(nameof(KeepsSurveys))]
public sealed class SurveyKeptInMemoryTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task A_survey_closed_where_the_pages_cannot_see_it_yet_takes_no_draft_answer_or_submit()
    {
        // Another instance closed it, or a closing date passed in the database: these pages show
        // their copy from memory for a few seconds, so each write checks the survey in SQL.
        var (id, key, roles) = await RespondentSurveys.OpenSurveyAsync(app, scenario, "Closed elsewhere");
        using var answering = new Respondent(app, key);
        await answering.StartAsync(roles["Nurses"]);
        await answering.AnswerAsync(1, RespondentSurveys.Scores(roles, 1));
        using var finished = new Respondent(app, key);
        await finished.StartAsync(roles["Physicians"]);
        await finished.AnswerAsync(1, RespondentSurveys.Scores(roles, 1));
        using var arriving = new Respondent(app, key);
        Assert.Contains("Physicians", (await arriving.Client.GetAsync(arriving.Base)).Text, StringComparison.Ordinal);
        var drafts = await app.QueryAsync(db => db.ResponseDrafts.AsNoTracking().Where(d => d.SurveyId == id).OrderBy(d => d.Id).ToListAsync());

        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SurveyStatus.Closed)));

        Assert.Equal(arriving.Base, (await arriving.StartAsync(roles["Nurses"])).Location);
        Assert.Equal(answering.Base, (await answering.AnswerAsync(2, RespondentSurveys.Scores(roles, 2))).Location);
        Assert.Equal(finished.Base, (await finished.SubmitAsync()).Location);
        Assert.Contains("This survey has closed.", (await arriving.Client.GetAsync(arriving.Base)).Text, StringComparison.Ordinal);

        var after = await app.QueryAsync(db => db.ResponseDrafts.AsNoTracking().Where(d => d.SurveyId == id).OrderBy(d => d.Id).ToListAsync());
        Assert.Equal(drafts.Select(d => (d.Id, d.Answers, d.Step, d.Submitted)), after.Select(d => (d.Id, d.Answers, d.Step, d.Submitted)));
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task A_role_renamed_through_a_save_shows_on_the_respondent_page_at_once()
    {
        var (_, key, roles) = await RespondentSurveys.OpenSurveyAsync(app, scenario, "Renamed role");
        using var visitor = new Respondent(app, key);
        Assert.Contains("Physicians", (await visitor.Client.GetAsync(visitor.Base)).Text, StringComparison.Ordinal);   // now kept in memory

        await app.QueryAsync(async db =>
        {
            var role = await db.SurveyRoles.SingleAsync(r => r.Id == roles["Physicians"]);
            role.Name = "Hospitalists";
            return await db.SaveChangesAsync();
        });
        var renamed = (await visitor.Client.GetAsync(visitor.Base)).Text;
        Assert.Contains("Hospitalists", renamed, StringComparison.Ordinal);
        Assert.DoesNotContain("Physicians", renamed, StringComparison.Ordinal);

        // The control: a bulk update bypasses SaveChanges, so the page keeps showing its copy —
        // what it showed above came from the save telling the pages, not from the copy expiring.
        await app.QueryAsync(db => db.SurveyRoles.Where(r => r.Id == roles["Physicians"]).ExecuteUpdateAsync(s => s.SetProperty(r => r.Name, "Surgeons")));
        Assert.Contains("Hospitalists", (await visitor.Client.GetAsync(visitor.Base)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_stores_nothing_in_a_survey_closed_where_it_cannot_see_it_yet_and_no_key_that_would_replay_a_201()
    {
        var id = await scenario.OpenSurveyAsync("API closed elsewhere", ("Nurses", true, true), ("Physicians", true, true));
        using var api = await scenario.ApiClientAsync("Closed elsewhere");
        Task<HttpStatusCode> PostAsync(string key) => api.PostResponseAsync(id, """{"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":4,"timely":4,"accurate":4,"problemSolving":4,"sharedGoals":4,"sharedKnowledge":4,"mutualRespect":4}]}""", key);

        Assert.Equal(HttpStatusCode.Created, await PostAsync("before"));   // the survey is now kept in memory
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SurveyStatus.Closed)));

        Assert.Equal(HttpStatusCode.Conflict, await PostAsync("after"));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(""));
        Assert.Equal(HttpStatusCode.Created, await PostAsync("before"));   // a retry still answers as the first request did
        Assert.Equal(1, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id)));
        Assert.Equal(1, await app.QueryAsync(db => db.IdempotentRequests.CountAsync(r => r.SurveyId == id)));   // "before"'s only
    }
}
