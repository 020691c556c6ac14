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

    // Each test class has its own fixture, so its own organisation and token.
    private Task<HttpClient> ClientAsync() => ApiSurveys.TokenClientAsync(app, scenario);
}
