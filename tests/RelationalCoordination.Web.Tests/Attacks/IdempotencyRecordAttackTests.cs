using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

using Microsoft.Extensions.DependencyInjection;

using Npgsql;

using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Pages.Respond;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// Someone with a copy of the database (a backup, a replica, a careless export) reads the stored
/// retries of the API's responses endpoint: a hash of each request's body and when it came. A body
/// has only 6^7 possible answers per rated role, so a plain hash gives them all away.
/// </summary>
public sealed class IdempotencyRecordAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private static readonly int?[] Victim = [2, 5, null, 1, 4, 3, 2];

    [Fact]
    public async Task Trying_every_answer_against_a_stored_retry_finds_nothing_without_the_key()
    {
        var id = await scenario.OpenSurveyAsync("Kiosk under attack", ("Nurses", true, false), ("Physicians", false, true));
        using var api = await scenario.ApiClientAsync("Kiosk under attack");
        Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(id, Body(Victim), "kiosk-7-000123"));

        var (keyHash, requestHash, body) = await StoredRetryAsync(id);

        // What a repeat is answered with holds no answer.
        Assert.Equal("""{"stored":true}""", body);
        // Every one of the 6^7 bodies, hashed as a plain SHA-256, and the key as the app used to hash it.
        Assert.Null(Search(requestHash, bytes => Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{id:N}:kiosk-7-000123"))), keyHash);
        // The same search with the app's key, which is not in the database, finds it: the search is complete.
        var key = Convert.FromBase64String(AppFactory.HashKey);
        Assert.Equal(Victim, Search(requestHash, bytes => Convert.ToHexStringLower(HMACSHA256.HashData(key, bytes))));
    }

    [Fact]
    public async Task A_stored_retry_keeps_the_day_only()
    {
        var id = await scenario.OpenSurveyAsync("Kiosk day", ("Nurses", true, false), ("Physicians", false, true));
        using var api = await scenario.ApiClientAsync("Kiosk day");
        Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(id, Body(Victim), "kiosk-day"));

        await using var connection = await OpenAsync();
        await using var columns = new NpgsqlCommand("""
            SELECT column_name || ':' || data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = 'IdempotentRequests' ORDER BY 1
            """, connection);
        var types = new List<string>();
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                types.Add(reader.GetString(0));
            }
        }

        // No time of day to line a retry up with a response's position or a log line: a date, and hashes.
        Assert.DoesNotContain(types, t => t.Contains("time", StringComparison.Ordinal));
        Assert.Contains("CreatedOn:date", types);
    }

    [Fact]
    public async Task Stored_retries_are_deleted_when_their_day_is_over_and_when_their_survey_closes()
    {
        var old = await scenario.OpenSurveyAsync("Retries from yesterday", ("Nurses", true, false), ("Physicians", false, true));
        var recent = await scenario.OpenSurveyAsync("Retries from today", ("Nurses", true, false), ("Physicians", false, true));
        using var api = await scenario.ApiClientAsync("Kiosk sweep");
        Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(old, Body(Victim), "old"));
        Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(recent, Body(Victim), "recent"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await SetDayAsync(old, today.AddDays(-1));
        await SetDayAsync(recent, today);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DraftSweeper>().SweepAsync();
        }

        Assert.Equal(0, await CountAsync(old));
        Assert.Equal(1, await CountAsync(recent));   // kept through its day, for retries (at most 24 hours)

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{recent}/close", null)).StatusCode);

        Assert.Equal(0, await CountAsync(recent));
    }

    /// <summary>
    /// A kiosk's body: a nurse rating physicians, seven scores (null = not applicable), written as
    /// the app writes a request before hashing it (its one way of writing a request, whatever the
    /// client sent): an attacker need not guess how the client spaced its JSON.
    /// </summary>
    private static string Body(int?[] s) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":{{S(s[0])}},"timely":{{S(s[1])}},"accurate":{{S(s[2])}},"problemSolving":{{S(s[3])}},"sharedGoals":{{S(s[4])}},"sharedKnowledge":{{S(s[5])}},"mutualRespect":{{S(s[6])}}}]}""");

    private static string S(int? score) => score?.ToString(CultureInfo.InvariantCulture) ?? "null";

    /// <summary>The scores whose body hashes to <paramref name="target"/>, trying all 6^7 (279,936), or null.</summary>
    private static int?[]? Search(string target, Func<byte[], string> hash)
    {
        int?[] options = [null, 1, 2, 3, 4, 5];
        var scores = new int?[7];
        for (var n = 0; n < 279_936; n++)
        {
            var rest = n;
            for (var d = 0; d < 7; d++)
            {
                scores[d] = options[rest % 6];
                rest /= 6;
            }

            if (hash(Encoding.UTF8.GetBytes(Body(scores))) == target)
            {
                return scores;
            }
        }

        return null;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The one stored retry of a survey, read straight from PostgreSQL.</summary>
    private async Task<(string KeyHash, string RequestHash, string Body)> StoredRetryAsync(Guid surveyId)
    {
        await using var connection = await OpenAsync();
        await using var read = new NpgsqlCommand("""SELECT "KeyHash", "RequestHash", "Body" FROM "IdempotentRequests" WHERE "SurveyId" = $1""", connection)
        {
            Parameters = { new() { Value = surveyId } },
        };
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var row = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        Assert.False(await reader.ReadAsync());
        return row;
    }

    private async Task SetDayAsync(Guid surveyId, DateOnly day)
    {
        await using var connection = await OpenAsync();
        await using var update = new NpgsqlCommand("""UPDATE "IdempotentRequests" SET "CreatedOn" = $1 WHERE "SurveyId" = $2""", connection)
        {
            Parameters = { new() { Value = day }, new() { Value = surveyId } },
        };
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    private async Task<long> CountAsync(Guid surveyId)
    {
        await using var connection = await OpenAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM "IdempotentRequests" WHERE "SurveyId" = $1""", connection)
        {
            Parameters = { new() { Value = surveyId } },
        };
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
