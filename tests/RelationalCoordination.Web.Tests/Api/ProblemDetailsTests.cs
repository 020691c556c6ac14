using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using Npgsql;

using RelationalCoordination.Tests.Common.Postgres;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>
/// Every error the API can give is problem details (RFC 9457), whoever produced it — routing,
/// body binding, authentication, a middleware, an action's refusal, an exception, an outage —
/// while the pages keep their friendly HTML for the same statuses.
/// </summary>
public sealed class ProblemDetailsTests
{
    private sealed class FailingClock : TimeProvider
    {
        public volatile bool Fail;

        public override DateTimeOffset GetUtcNow() => Fail ? throw new InvalidOperationException("A failure the app did not expect.") : base.GetUtcNow();
    }

    [Fact]
    public async Task Every_API_error_status_is_problem_details_and_pages_keep_their_HTML()
    {
        var clock = new FailingClock();
        using var app = new AppFactory();
        app.Settings["RateLimits:Submissions"] = "3";
        app.ReplacedServices = services => services.AddSingleton<TimeProvider>(clock);
        await using var scenario = await Scenario.CreateAsync(app);
        using var api = await scenario.ApiClientAsync();
        using var anonymous = app.CreateClient();
        var draft = await scenario.CreateSurveyAsync(scenario.Facilitator, "Draft", ("Nurses", true, true));
        var open = await scenario.OpenSurveyAsync("Open", ("Nurses", true, true));
        var seen = new Dictionary<int, HttpResponseMessage>();

        async Task ExpectAsync(int status, Func<Task<HttpResponseMessage>> send)
        {
            var response = await send();
            Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.TryGetProperty("detail", out var d) ? d.GetString() : problem.GetProperty("title").GetString()));
            seen[status] = response;
        }

        HttpContent Json(string body) => new StringContent(body, Encoding.UTF8, "application/json");
        string Answer(int score) => $$"""{"role":"Nurses","answers":[{"targetRole":"Nurses","frequent":{{score}},"timely":3,"accurate":3,"problemSolving":3,"sharedGoals":3,"sharedKnowledge":3,"mutualRespect":3}]}""";
        Task<HttpResponseMessage> SubmitAsync(string body, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{open}/responses") { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            return api.SendAsync(request);
        }

        await ExpectAsync(400, () => api.PostAsync("/api/v1/surveys", Json("{")));
        await ExpectAsync(401, () => anonymous.GetAsync("/api/v1/surveys"));
        await ExpectAsync(403, () => api.GetAsync($"/api/v1/surveys/{open}/responses/export"));
        await ExpectAsync(404, () => api.GetAsync($"/api/v1/surveys/{Guid.NewGuid()}"));
        await ExpectAsync(405, () => api.PutAsync("/api/v1/surveys", Json("{}")));
        await ExpectAsync(409, () => api.PostAsync($"/api/v1/surveys/{draft}/close", null));
        await ExpectAsync(413, () => api.PostAsync("/api/v1/surveys", Json(new string(' ', 1_100_000) + "{}")));
        await ExpectAsync(415, () => api.PostAsync("/api/v1/surveys", new StringContent("{}", Encoding.UTF8, "text/plain")));
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(Answer(4), "first")).StatusCode);
        await ExpectAsync(422, () => SubmitAsync(Answer(5), "first"));
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(Answer(2), "second")).StatusCode);
        await ExpectAsync(429, () => SubmitAsync(Answer(1), "third"));
        Assert.True(seen[429].Headers.RetryAfter is not null);

        clock.Fail = true;
        try
        {
            await ExpectAsync(500, () => api.PostAsync($"/api/v1/surveys/{draft}/open", null));
        }
        finally
        {
            clock.Fail = false;
        }

        // An outage of this app's database only: no new connection is let in, those open are ended.
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await AdminAsync($"""ALTER DATABASE "{database}" CONNECTION LIMIT 0; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'""");
        try
        {
            await ExpectAsync(503, () => api.GetAsync("/api/v1/surveys"));
            Assert.Equal("5", seen[503].Headers.GetValues("Retry-After").Single());
        }
        finally
        {
            await AdminAsync($"""ALTER DATABASE "{database}" CONNECTION LIMIT -1""");
        }

        Assert.Equal([400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503], seen.Keys.Order());
        // The pages answer the same kind of refusal with their page, not JSON.
        var page = await scenario.Facilitator.Http.GetAsync($"/orgs/{scenario.OrgId}/surveys/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.Instance.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
