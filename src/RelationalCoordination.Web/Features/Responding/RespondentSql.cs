using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

using Npgsql;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// The respondent side's SQL, run with Npgsql on the context's own connection (decision 8): the
/// conditions that a survey takes answers, and the few helpers its hot statements share.
/// </summary>
internal static class RespondentSql
{
    /// <summary>
    /// Ends a submit's check that the survey is open: its row is share-locked, so closing (which
    /// updates it) waits for submits in flight, and a submit after the closing committed re-reads the
    /// row and finds it closed. No answer can then arrive after the results were computed.
    /// </summary>
    public const string SurveyRowShared = " FOR SHARE";

    public const string CountWaiting = """
        SELECT count(*)::int FROM "ResponseDrafts" WHERE "SurveyId" = $1 AND "Submitted" AND "Answers" <> '{}'::jsonb
        """;

    /// <summary>
    /// The condition that the survey <c>s</c> (or the draft <c>d</c>'s survey) takes answers at the
    /// time of parameter <c>$<paramref name="now"/></c>, for the writes that must not rely on a
    /// survey kept in memory (decision 9).
    /// </summary>
    public static string DraftSurveyIsOpen(int now, bool share = false) =>
        $""" EXISTS (SELECT 1 FROM "Surveys" s WHERE s."Id" = d."SurveyId" AND{SurveyIsOpen(now)}{(share ? SurveyRowShared : "")})""";

    public static string SurveyIsOpen(int now) =>
        $""" s."Status" = 'Open' AND (s."OpensAt" IS NULL OR s."OpensAt" <= ${now}) AND (s."ClosesAt" IS NULL OR s."ClosesAt" > ${now})""";

    /// <summary>
    /// Runs <paramref name="work"/> with Npgsql on the context's connection (and in its transaction,
    /// if one is open): the respondent pages' hot statements, without EF Core's command building.
    /// </summary>
    public static async Task<T> OnConnectionAsync<T>(AppDbContext db, Func<NpgsqlConnection, Task<T>> work)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            return await work((NpgsqlConnection)db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<int> ExecuteAsync(AppDbContext db, string sql, params object[] values) =>
        await OnConnectionAsync(db, async connection =>
        {
            await using var command = Command(db, connection, sql, values);
            return await command.ExecuteNonQueryAsync();
        });

    public static NpgsqlCommand Command(AppDbContext db, NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    public static NpgsqlBatchCommand Sql(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>
    /// Runs one statement on its own (committed when it ends) and then counts the survey's drafts
    /// waiting for a batch, in one round trip: an error barrier (a Sync) between the two commits the
    /// first before the count reads, so that of two submits finishing together the later one counts
    /// both. Whether the statement changed a row, and the count.
    /// </summary>
    public static async Task<(bool Changed, int Waiting)> CommitThenCountAsync(AppDbContext db, Guid surveyId, NpgsqlBatchCommand statement) =>
        await OnConnectionAsync(db, async connection =>
        {
            await using var batch = new NpgsqlBatch(connection) { EnableErrorBarriers = true };
            batch.BatchCommands.Add(statement);
            batch.BatchCommands.Add(Sql(CountWaiting, surveyId));
            var waiting = (int)(await batch.ExecuteScalarAsync())!;
            return (statement.RecordsAffected > 0, waiting);
        });

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
