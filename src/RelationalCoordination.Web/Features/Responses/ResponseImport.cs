using Microsoft.EntityFrameworkCore;

using Npgsql;

using NpgsqlTypes;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Responses;

/// <summary>What an import did: the respondents and observations stored, or every problem found (and nothing stored).</summary>
public sealed record ImportOutcome(int Respondents, int Observations, IReadOnlyList<CsvInputException> Errors)
{
    public bool Succeeded => Errors.Count == 0 && Refused is null;

    /// <summary>Why nothing was stored although the file was valid: the survey closed meanwhile (409).</summary>
    public string? Refused { get; init; }
}

/// <summary>
/// Responses from a CSV file in the responses format, for the import page and the API: all or
/// nothing, every problem (up to <see cref="MaxProblems"/>) with its line and field.
/// </summary>
public sealed partial class ResponseImport(AppDbContext db, TimeProvider clock, ILogger<ResponseImport> log)
{
    public const int MaxBytes = 50 * 1024 * 1024;

    public const int MaxProblems = 100;

    /// <summary>
    /// Why the survey takes no import now (409), or null. A draft's roles can still change; a closed
    /// survey's results are frozen, so what leaders saw at closing stays what they see.
    /// </summary>
    public static string? Refusal(Survey survey, DateTimeOffset now) =>
        survey is { Status: SurveyStatus.Draft } ? "Open the survey before importing: its roles must be fixed first, because the answers refer to them."
        : survey?.IsClosedAt(now) == true ? Closed
        : null;

    private const string Closed = "The survey is closed and its results are frozen: import answers before closing it.";

    /// <summary>How the audit log names an import: counts only.</summary>
    public static string AuditSubject(Survey survey, ImportOutcome outcome) =>
        $"{AuditLog.Survey(survey)}: {outcome?.Respondents} responses ({outcome?.Observations} rows)";

    public async Task<ImportOutcome> ImportAsync(Survey survey, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var started = clock.GetTimestamp();
        var roles = survey.Roles.ToDictionary(r => r.Name, StringComparer.Ordinal);
        // The app's own export neutralises names a spreadsheet would run; a file exported here
        // imports again with the survey's names as they are (decision 13).
        var result = ResponsesCsv.Validate(bytes, roles.Keys, MaxProblems, (role, target) =>
            !roles.TryGetValue(role, out var r) ? new ResponseError("role", $"'{role}' is not a role of this survey")
            : !r.Answers ? new ResponseError("role", $"'{role}' does not answer this survey")
            : !roles.TryGetValue(target, out var t) ? new ResponseError("target_role", $"'{target}' is not a role of this survey")
            : !t.IsRated ? new ResponseError("target_role", $"'{target}' is not rated in this survey")
            : null, CsvTextFields.NeutraliseFormulas);

        if (result.Responses is not { } responses)
        {
            return new ImportOutcome(0, 0, result.Errors);
        }

        // PostgreSQL's COPY, in one transaction: the whole file or nothing, hundreds of thousands of
        // rows in seconds. The rows are written synchronously: millions of awaited field writes
        // would cost more than the database takes to store them. Only the day is kept, and nothing of the file's respondent ids.
        var validated = clock.GetElapsedTime(started);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var roleIds = roles.ToDictionary(r => r.Key, r => r.Value.Id, StringComparer.Ordinal);
        // Random ids, written in ascending order (and each respondent's answers by target): the
        // primary keys' indexes then take the rows in one sweep instead of at random places.
        var respondents = responses.Respondents.Select(r => (Id: Guid.NewGuid(), Respondent: r)).OrderBy(r => r.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Checked again, with the survey's row share-locked until the commit, after seconds of
        // reading the file: a closing waits for the import to finish, and an import never lands in
        // a survey whose results are published. (Not RespondentSql.SurveyIsOpen: paper answers may be
        // imported before the opening date, so only the closing counts here.)
        await using (var open = new NpgsqlCommand(
            """SELECT 1 FROM "Surveys" WHERE "Id" = $1 AND "Status" = 'Open' AND ("ClosesAt" IS NULL OR "ClosesAt" > $2) FOR SHARE""", connection))
        {
            open.Parameters.Add(new NpgsqlParameter { Value = survey.Id });
            open.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            if (await open.ExecuteScalarAsync() is null)
            {
                return new ImportOutcome(0, 0, []) { Refused = Closed };
            }
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "Responses" ("Id", "SurveyId", "RoleId", "SubmittedOn") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var (id, respondent) in respondents)
            {
                copy.StartRow();
                copy.Write(id, NpgsqlDbType.Uuid);
                copy.Write(survey.Id, NpgsqlDbType.Uuid);
                copy.Write(roleIds[respondent.Role], NpgsqlDbType.Uuid);
                copy.Write(today, NpgsqlDbType.Date);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            $"""COPY "{AnswerColumns.Table}" ("ResponseId", "TargetRoleId", {AnswerColumns.Sql()}) FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var (id, respondent) in respondents)
            {
                foreach (var observation in respondent.Observations.OrderBy(o => roleIds[o.TargetRole]))
                {
                    copy.StartRow();
                    copy.Write(id, NpgsqlDbType.Uuid);
                    copy.Write(roleIds[observation.TargetRole], NpgsqlDbType.Uuid);
                    for (var item = 0; item < Dimensions.Count; item++)
                    {
                        if (observation.Scores[item] is { } score)
                        {
                            copy.Write((short)score, NpgsqlDbType.Smallint);
                        }
                        else
                        {
                            copy.WriteNull();
                        }
                    }
                }
            }

            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
        var stored = clock.GetElapsedTime(started) - validated;
        LogImported(log, responses.RespondentCount, responses.ObservationCount, (int)validated.TotalMilliseconds, (int)stored.TotalMilliseconds);
        return new ImportOutcome(responses.RespondentCount, responses.ObservationCount, []);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Respondents} respondents, {Observations} observations: read and checked in {Validated} ms, stored in {Stored} ms")]
    private static partial void LogImported(ILogger logger, int respondents, int observations, int validated, int stored);
}
