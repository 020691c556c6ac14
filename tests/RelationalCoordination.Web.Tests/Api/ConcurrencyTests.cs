using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>Many respondents at once (a ward at shift change), each request sent twice as a flaky network would.</summary>
public sealed class ConcurrencyTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private const int Respondents = 500;

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task Five_hundred_concurrent_responses_each_sent_twice_are_stored_exactly_once()
    {
        var id = await scenario.OpenSurveyAsync("Shift change", ("Nurses", true, true), ("Physicians", true, true));
        using var api = await scenario.ApiClientAsync("Kiosks");

        Task<HttpStatusCode> SubmitAsync(int respondent)
        {
            var score = (respondent % 5) + 1;
            return api.PostResponseAsync(id, $$"""{"role":"{{(respondent % 2 == 0 ? "Nurses" : "Physicians")}}","answers":[{"targetRole":"Nurses","frequent":{{score}},"timely":{{score}},"accurate":{{score}},"problemSolving":{{score}},"sharedGoals":{{score}},"sharedKnowledge":{{score}},"mutualRespect":{{score}}}]}""", $"ward-{respondent}");
        }

        // Every respondent's request and its retry race each other, all 1,000 at once.
        var statuses = await Task.WhenAll(Enumerable.Range(0, Respondents).SelectMany(r => new[] { SubmitAsync(r), SubmitAsync(r) }));
        // A retry after everything settled, as a kiosk that lost the first answer would send it.
        var late = await Task.WhenAll(Enumerable.Range(0, Respondents).Where(r => r % 10 == 0).Select(SubmitAsync));

        Assert.All(statuses.Concat(late), s => Assert.Equal(HttpStatusCode.Created, s));
        // Acknowledged means in the database: stored as a response, or submitted and waiting for the
        // next batch (a submit that finds a batch being stored leaves its own for the next one).
        var waiting = await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id && d.Submitted && d.Answers != "{}"));
        Assert.Equal(Respondents, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)) + waiting);
        Assert.Equal(Respondents, await app.QueryAsync(db => db.IdempotentRequests.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);   // stores whatever waits
        Assert.Equal(Respondents, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(0, await app.QueryAsync(db => db.IdempotentRequests.CountAsync(r => r.SurveyId == id)));   // their hashes go with the closing
        // Each score was sent by exactly a fifth of the respondents: none lost, none doubled.
        var frequencies = await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).SelectMany(r => r.Answers)
            .GroupBy(a => a.Frequent).Select(g => new { Score = g.Key, Count = g.Count() }).ToListAsync());
        Assert.All(frequencies, f => Assert.Equal(Respondents / 5, f.Count));
        Assert.Equal(5, frequencies.Count);
    }
}
