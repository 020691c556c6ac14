using Microsoft.EntityFrameworkCore;

using Npgsql;

using RelationalCoordination.Web.Data;

using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>
/// An answer's reference to its response is checked per statement, not by a foreign key
/// (decision 0024): the database must still refuse an answer without its response, whole
/// statement and all, and delete a response's answers with it.
/// </summary>
public sealed class AnswerReferenceTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private const string Header = "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect";

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task An_answer_whose_response_does_not_exist_is_refused_with_the_whole_statement()
    {
        var id = await scenario.OpenSurveyAsync("Orphans", ("Nurses", true, true), ("Physicians", true, true));
        await scenario.ImportAsync(id, $"{Header}\nr1,Nurses,Physicians,4,4,4,4,4,4,4\n");
        var stored = await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).Select(r => new { r.Id, r.RoleId }).SingleAsync());
        var (response, role) = (stored.Id, stored.RoleId);

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            $"""INSERT INTO "{AnswerColumns.Table}" ("ResponseId", "TargetRoleId") VALUES ($1, $2), ($3, $2)""", connection);
        insert.Parameters.AddWithValue(response);
        insert.Parameters.AddWithValue(role);
        insert.Parameters.AddWithValue(Guid.NewGuid());

        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal(1, await app.QueryAsync(db => db.Set<Answer>().CountAsync(a => a.ResponseId == response)));
    }

    [Fact]
    public async Task Deleting_responses_deletes_their_answers_and_no_others()
    {
        var kept = await scenario.OpenSurveyAsync("Kept", ("Nurses", true, true), ("Physicians", true, true));
        var deleted = await scenario.OpenSurveyAsync("Deleted", ("Nurses", true, true), ("Physicians", true, true));
        var csv = $"{Header}\nr1,Nurses,Physicians,4,4,4,4,4,4,4\nr1,Nurses,Nurses,5,5,5,5,5,5,5\nr2,Physicians,Nurses,3,3,3,3,3,3,3\n";
        await scenario.ImportAsync(kept, csv);
        await scenario.ImportAsync(deleted, csv);

        await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == deleted).ExecuteDeleteAsync());

        Assert.Equal(0, await app.QueryAsync(db => db.Set<Answer>().CountAsync(a => !db.Responses.Any(r => r.Id == a.ResponseId))));
        Assert.Equal(3, await app.QueryAsync(db => db.Set<Answer>().CountAsync(a => db.Responses.Any(r => r.Id == a.ResponseId && r.SurveyId == kept))));
    }
}
