using System.Net;

using Microsoft.EntityFrameworkCore;

using Npgsql;

using RelationalCoordination.Tests.Common.Postgres;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>What a submit answers when storing its batch fails after the submit itself was committed.</summary>
public sealed class DeferredBatchTests
{
    [Fact]
    public async Task A_submit_whose_batch_times_out_is_still_acknowledged_and_a_later_submit_stores_it()
    {
        // Commands time out after 2 s, so that a batch kept waiting fails quickly.
        using var app = new AppFactory($"{PostgresServer.Instance.CreateDatabase()};Command Timeout=2");
        var scenario = await Scenario.CreateAsync(app);
        var id = await scenario.OpenSurveyAsync("Slow batch", ("Nurses", true, true), ("Physicians", true, true));
        using var api = await scenario.ApiClientAsync("Kiosk");
        Task<HttpStatusCode> PostAsync(string key) => api.PostResponseAsync(id, """{"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":2,"timely":3,"accurate":4,"problemSolving":5,"sharedGoals":4,"sharedKnowledge":3,"mutualRespect":2}]}""", key);

        await using (var blocker = new NpgsqlConnection(app.ConnectionString))
        {
            // Another transaction holds the answers' table: the batch's INSERT waits until it times out.
            await blocker.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("""LOCK TABLE "Answer" IN ACCESS EXCLUSIVE MODE""", blocker, transaction))
            {
                await take.ExecuteNonQueryAsync();
            }

            Assert.Equal(HttpStatusCode.Created, await PostAsync("first"));
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(1, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id && d.Submitted && d.Answers != "{}")));

        Assert.Equal(HttpStatusCode.Created, await PostAsync("first"));   // a retry stores nothing twice
        Assert.Equal(HttpStatusCode.Created, await PostAsync("second"));
        Assert.Equal(2, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(0, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id && d.Submitted && d.Answers != "{}")));
    }
}
