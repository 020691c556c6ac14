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
        var (id, key, roles) = await RespondentFlowTests.OpenSurveyAsync(app, scenario, "Closed elsewhere");
        using var answering = new Respondent(app, key);
        await answering.StartAsync(roles["Nurses"]);
        await answering.AnswerAsync(1, RespondentFlowTests.Scores(roles, 1));
        using var finished = new Respondent(app, key);
        await finished.StartAsync(roles["Physicians"]);
        await finished.AnswerAsync(1, RespondentFlowTests.Scores(roles, 1));
        using var arriving = new Respondent(app, key);
        Assert.Contains("Physicians", (await arriving.Client.GetAsync(arriving.Base)).Text, StringComparison.Ordinal);
        var drafts = await app.QueryAsync(db => db.ResponseDrafts.AsNoTracking().Where(d => d.SurveyId == id).OrderBy(d => d.Id).ToListAsync());

        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SurveyStatus.Closed)));

        Assert.Equal(arriving.Base, (await arriving.StartAsync(roles["Nurses"])).Location);
        Assert.Equal(answering.Base, (await answering.AnswerAsync(2, RespondentFlowTests.Scores(roles, 2))).Location);
        Assert.Equal(finished.Base, (await finished.SubmitAsync()).Location);
        Assert.Contains("This survey has closed.", (await arriving.Client.GetAsync(arriving.Base)).Text, StringComparison.Ordinal);

        var after = await app.QueryAsync(db => db.ResponseDrafts.AsNoTracking().Where(d => d.SurveyId == id).OrderBy(d => d.Id).ToListAsync());
        Assert.Equal(drafts.Select(d => (d.Id, d.Answers, d.Step, d.Submitted)), after.Select(d => (d.Id, d.Answers, d.Step, d.Submitted)));
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }
}
