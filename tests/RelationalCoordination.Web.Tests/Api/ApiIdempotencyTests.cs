using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Tests.Common;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Pages.Orgs.Surveys;
using RelationalCoordination.Web.Tests.Infrastructure;
using RelationalCoordination.Web.Tests.Pages;

using Xunit;

using static RelationalCoordination.Web.Tests.Api.ApiSurveys;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>Single responses posted as JSON, and their idempotency keys.</summary>
public sealed class ApiIdempotencyTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task One_response_posted_as_JSON_is_stored_once_however_often_its_idempotency_key_is_repeated()
    {
        using var api = await ClientAsync();
        var id = await ImportedAsync(api, "Kiosk", null);
        object Body(int frequent) => new
        {
            role = "Nurses",
            answers = new object[]
            {
                new { targetRole = "Physicians", frequent, timely = 3, accurate = 4, problemSolving = (int?)null, sharedGoals = 5, sharedKnowledge = 4, mutualRespect = 5 },
                new { targetRole = "Nurses", frequent = (int?)null, timely = (int?)null, accurate = (int?)null, problemSolving = (int?)null, sharedGoals = (int?)null, sharedKnowledge = (int?)null, mutualRespect = (int?)null },
            },
        };

        async Task<HttpResponseMessage> PostAsync(string? key, int frequent = 4)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{id}/responses") { Content = JsonContent.Create(Body(frequent)) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return await api.SendAsync(request);
        }

        var first = await PostAsync("kiosk-7-000123");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("""{"stored":true}""", await first.Content.ReadAsStringAsync());
        var again = await PostAsync("kiosk-7-000123");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync("kiosk-7-000124")));
        Assert.All(racing, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(null, 2)).StatusCode);
        // The same key for another survey is another request.
        var other = await ImportedAsync(api, "Kiosk 2", null);
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{other}/responses") { Content = JsonContent.Create(Body(5)) })
        {
            request.Headers.Add("Idempotency-Key", "kiosk-7-000123");
            Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(request)).StatusCode);
        }

        Assert.Equal(1, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == other)));
        // The same key with another body is a mistake, not a retry.
        var reused = await PostAsync("kiosk-7-000123", 3);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("already used for a different request", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Closing stores every acknowledged response and deletes the stored keys: a retry then
        // hears that the survey is closed, like any request.
        await api.PostAsync($"/api/v1/surveys/{id}/close", null);
        Assert.Equal(0, await app.QueryAsync(db => db.IdempotentRequests.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("kiosk-7-000123")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("kiosk-7-000999")).StatusCode);

        var responses = await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).Include(r => r.Answers).ToListAsync());
        Assert.Equal(3, responses.Count);
        Assert.All(responses, r => Assert.Single(r.Answers));   // the all-"not applicable" answer says nothing
        Assert.Equal([2, 4, 4], responses.Select(r => (int)r.Answers[0].Frequent!.Value).Order());
        Assert.All(responses, r => Assert.Null(r.Answers[0].ProblemSolving));
    }

    [Fact]
    public async Task A_retry_written_with_other_spacing_and_order_is_the_same_request_and_other_answers_under_its_key_are_a_422()
    {
        using var api = await ClientAsync();
        var id = await ImportedAsync(api, "Kiosk, rewritten retries", null);
        async Task<HttpResponseMessage> PostAsync(string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{id}/responses") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "kiosk-9-000001");
            return await api.SendAsync(request);
        }

        var first = await PostAsync("""
            {"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":4,"timely":3,"accurate":4,"problemSolving":null,"sharedGoals":5,"sharedKnowledge":4,"mutualRespect":5},{"targetRole":"Pharmacists","frequent":2,"timely":2,"accurate":3,"problemSolving":3,"sharedGoals":4,"sharedKnowledge":3,"mutualRespect":4}]}
            """);
        // The same response as another client's JSON library writes it: spaced out, the properties
        // and the answers in another order, "not applicable" left out rather than null.
        var rewritten = await PostAsync("""
            {
              "answers": [
                { "mutualRespect": 4, "sharedKnowledge": 3, "sharedGoals": 4, "problemSolving": 3, "accurate": 3, "timely": 2, "frequent": 2, "targetRole": "Pharmacists" },
                { "targetRole": "Physicians", "frequent": 4, "timely": 3, "accurate": 4, "sharedGoals": 5, "sharedKnowledge": 4, "mutualRespect": 5 }
              ],
              "role": "Nurses"
            }
            """);
        var other = await PostAsync("""
            {"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":5,"timely":3,"accurate":4,"problemSolving":null,"sharedGoals":5,"sharedKnowledge":4,"mutualRespect":5},{"targetRole":"Pharmacists","frequent":2,"timely":2,"accurate":3,"problemSolving":3,"sharedGoals":4,"sharedKnowledge":3,"mutualRespect":4}]}
            """);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode.Created, """{"stored":true}"""), (rewritten.StatusCode, await rewritten.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("already used for a different request", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Closing stores every acknowledged response: one, however it was written.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        var stored = await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).Include(r => r.Answers).ToListAsync());
        Assert.Equal([2, 4], Assert.Single(stored).Answers.Select(a => (int)a.Frequent!.Value).Order());
    }

    // Each test class has its own fixture, so its own organisation and token.
    private Task<HttpClient> ClientAsync() => ApiSurveys.TokenClientAsync(app, scenario);
}
