using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using Npgsql;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>
/// The page and the API run the same actions through the same services, so a race between them
/// ends the same way whichever side loses: a conflict saying so, never a 500.
/// </summary>
public sealed class CloseWhileEditingTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task Closing_through_the_API_while_the_details_are_being_saved_on_the_page_is_a_409_problem_and_changes_nothing()
    {
        var id = await scenario.OpenSurveyAsync("Ward rounds", ("Nurses", true, true), ("Physicians", true, true));
        using var api = await scenario.ApiClientAsync("Closer");
        var version = await scenario.VersionAsync(id);
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;

        // The test holds the survey's row, so that both writes queue behind it in a known order:
        // first the page's save of the edited details, then the API's close, which read the survey
        // before the edit was committed.
        await using var holder = new NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM \"Surveys\" WHERE \"Id\" = '{id}' FOR UPDATE", holder, hold))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        var edit = scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/surveys/{id}/edit",
            ("version", version.ToString(CultureInfo.InvariantCulture)), ("Input.Title", "Ward rounds, renamed"), ("Input.WorkProcess", "doing ward rounds"), ("Input.MinGroupSize", "5"));
        await WaitForWaitingWritesAsync(database, 1);
        var close = api.PostAsync($"/api/v1/surveys/{id}/close", null);
        await WaitForWaitingWritesAsync(database, 2);
        await hold.CommitAsync();

        var edited = await edit;
        using var closed = await close;
        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("application/problem+json", closed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Someone else changed this survey at the same moment", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var survey = await app.QueryAsync(db => db.Surveys.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(SurveyStatus.Open, survey.Status);
        Assert.Equal("Ward rounds, renamed", survey.Title);
        Assert.False(await app.QueryAsync(db => db.ResultsSnapshots.AnyAsync(r => r.SurveyId == id)));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == RelationalCoordination.Web.Infrastructure.AuditActions.SurveyClosed && a.Subject.Contains("Ward rounds"))));

        // Read again, the close goes through.
        using var retried = await api.PostAsync($"/api/v1/surveys/{id}/close", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(SurveyStatus.Closed, await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    /// <summary>Until <paramref name="count"/> of the app's statements wait for the test's row lock.</summary>
    private static async Task WaitForWaitingWritesAsync(string database, int count)
    {
        await using var connection = new NpgsqlConnection(RelationalCoordination.Tests.Common.Postgres.PostgresServer.Instance.AdminConnectionString);
        await connection.OpenAsync();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'", connection);
            command.Parameters.AddWithValue(database);
            if ((long)(await command.ExecuteScalarAsync())! >= count)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{count} writes did not come to wait for the survey's row within 30 s.");
    }
}
