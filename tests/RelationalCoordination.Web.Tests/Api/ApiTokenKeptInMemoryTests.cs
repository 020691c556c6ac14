using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using RelationalCoordination.Web.Api;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>
/// The responses endpoint authenticates its token from memory for a few seconds (ApiTokenCache,
/// decision 10), so its write checks the token again in SQL. Each test has a token of its own, which
/// no other test can make the app look up again.
/// </summary>
public sealed class ApiTokenKeptInMemoryTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private const string NurseRatesPhysicians = """{"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":4,"timely":4,"accurate":4,"problemSolving":4,"sharedGoals":4,"sharedKnowledge":4,"mutualRespect":4}]}""";

    [Theory]
    [InlineData("after")]
    [InlineData("")]   // without an Idempotency-Key, the other statement
    public async Task A_token_revoked_where_the_api_cannot_see_it_yet_stores_no_response_and_gets_401(string key)
    {
        // Revoked on another instance, or by SQL: this instance has the token in memory.
        var id = await scenario.OpenSurveyAsync($"Token revoked elsewhere '{key}'", ("Nurses", true, true), ("Physicians", true, true));
        using var api = await scenario.ApiClientAsync("Revoked elsewhere");
        Task<HttpStatusCode> PostAsync(string k) => api.PostResponseAsync(id, NurseRatesPhysicians, k);
        Assert.Equal(HttpStatusCode.Created, await PostAsync("before"));

        await RevokeBehindTheAppsBackAsync(api);

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(key));
        Assert.Equal(1, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id)));
        Assert.Equal(1, await app.QueryAsync(db => db.IdempotentRequests.CountAsync(r => r.SurveyId == id)));   // "before"'s only
    }

    [Fact]
    public async Task A_token_revoked_where_the_api_cannot_see_it_yet_reads_nothing()
    {
        var id = await scenario.OpenSurveyAsync("Token revoked elsewhere, read", ("Nurses", true, true), ("Physicians", true, true));
        using var api = await scenario.ApiClientAsync("Revoked elsewhere, read");
        Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(id, NurseRatesPhysicians, "k"));

        await RevokeBehindTheAppsBackAsync(api);

        // Every endpoint but the responses one reads the token from the database each time.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/surveys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"/api/v1/surveys/{id}/results/ties")).StatusCode);
    }

    /// <summary>Revokes the client's token in the database, with this instance's copy of it still kept.</summary>
    private async Task RevokeBehindTheAppsBackAsync(HttpClient api)
    {
        var hash = Secrets.Hash(api.DefaultRequestHeaders.Authorization!.Parameter!);
        // Kept by the post before: otherwise the database would refuse the token and the check in SQL would go untested.
        Assert.True(app.Services.GetRequiredService<ApiTokenCache>().TryGet(hash, out _));
        Assert.Equal(1, await app.QueryAsync(db => db.ApiTokens.Where(t => t.TokenHash == hash)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, DateTimeOffset.UtcNow))));
        Assert.True(app.Services.GetRequiredService<ApiTokenCache>().TryGet(hash, out _));
    }

    [Fact]
    public async Task A_kept_token_still_gets_its_answers_and_another_token_of_the_organisation_its_own()
    {
        var id = await scenario.OpenSurveyAsync("Two kiosks", ("Nurses", true, true), ("Physicians", true, true));
        using var first = await scenario.ApiClientAsync("Kiosk 1");
        using var second = await scenario.ApiClientAsync("Kiosk 2");
        const string Body = """{"role":"Physicians","answers":[{"targetRole":"Nurses","frequent":2,"timely":3,"accurate":4,"problemSolving":5,"sharedGoals":1,"sharedKnowledge":2,"mutualRespect":3}]}""";

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await first.PostResponseAsync(id, Body, $"k{i}"));
            Assert.Equal(HttpStatusCode.Created, await second.PostResponseAsync(id, Body, $"k{i}"));   // the same key of another token is another request
        }

        Assert.Equal(HttpStatusCode.Created, await first.PostResponseAsync(id, Body, "k0"));   // a retry, answered as the first
        Assert.Equal(6, await app.QueryAsync(db => db.IdempotentRequests.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(6, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id && d.Submitted)));
    }
}
