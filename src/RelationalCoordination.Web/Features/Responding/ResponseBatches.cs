using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

using Npgsql;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

using static RelationalCoordination.Web.Features.Responding.RespondentSql;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// Submitted drafts become responses here, in batches of the survey's minimum group size (decision
/// 6): after a submit, for an API client's complete response, and all at once when a survey closes.
/// </summary>
public sealed partial class ResponseBatches(AppDbContext db, TimeProvider clock, IOptions<RespondentsOptions> options, ILogger<ResponseBatches> log)
{
    // The batch's answers in one statement over arrays: $1 the responses, $2 the target roles, then
    // one array per score column, in dimension order.
    private static readonly string InsertAnswers = $"""
        INSERT INTO "{AnswerColumns.Table}" ("ResponseId", "TargetRoleId", {AnswerColumns.Sql()})
        SELECT * FROM unnest($1::uuid[], $2::uuid[], {string.Join(", ", AnswerColumns.Names.Select((_, i) => $"${i + 3}::smallint[]"))})
        """;

    /// <summary>
    /// Moves a survey's submitted drafts into responses, in a batch of at least the survey's
    /// minimum group size (or all of them, when <paramref name="everything"/> — at closing): in one
    /// transaction and in random order, each response with a fresh id; the batch's invitation codes
    /// are marked used and the drafts let go of their answers and codes. Whatever the database
    /// keeps of that transaction — its id on every row, the order of the rows — is shared by the
    /// whole batch, so it cannot tell which response came from which draft or code. Returns the
    /// number of responses stored.
    /// </summary>
    public async Task<int> StoreSubmittedAsync(Survey survey, bool everything) => await StoreSubmittedAsync(survey, everything, waiting: null);

    /// <summary>
    /// After a submit was committed: stores a batch, if one is complete. A failure there — PostgreSQL
    /// too slow (a command timeout) or gone — must not turn the submit's answer into an error: the
    /// submitted draft is in the database, and the next submit, or the closing, stores it.
    /// </summary>
    internal async Task StoreAfterSubmitAsync(Survey survey, int? waiting)
    {
        try
        {
            await StoreSubmittedAsync(survey, everything: false, waiting);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || Infrastructure.DatabaseUnavailable.IsUnavailable(e))
        {
            LogBatchDeferred(log, survey.Id, e.GetBaseException().Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey {SurveyId}: a batch of submitted answers was not stored now ({Reason}); they wait, submitted, for the next submit or the closing")]
    private static partial void LogBatchDeferred(ILogger logger, Guid surveyId, string reason);

    private async Task<int> StoreSubmittedAsync(Survey survey, bool everything, int? waiting)
    {
        // A submit that found a batch being stored left its draft to it; the batch may have been
        // chosen before that draft was committed, so count again until nothing more is stored.
        var total = 0;
        int stored;
        do
        {
            stored = await StoreBatchAsync(survey, everything, waiting);
            total += stored;
            waiting = null;
        }
        while (stored > 0 && !everything);
        return total;
    }

    /// <summary>
    /// Stores a complete response (an API client's) as a submitted draft, with its idempotency
    /// key's row when there is one, then moves a batch if one is complete. One statement stores
    /// both rows — committed before the answer, so an acknowledged response survives a crash — and
    /// the waiting drafts are counted in the same round trip, after that commit. False, storing
    /// nothing, when the key is already stored (the caller answers as the first request did), when
    /// the survey is no longer open or when the token <paramref name="tokenId"/> is revoked (either
    /// may have been kept in memory).
    /// </summary>
    public async Task<bool> StoreCompleteAsync(Survey survey, Guid roleId, string answersJson, Guid tokenId, IdempotencyKey? key)
    {
        var today = Today;
        // The draft's resume code is random and never given out: nobody can open it.
        object[] draft = [Guid.NewGuid(), survey.Id, Secrets.Hash(Secrets.NewToken()), roleId, answersJson, Dimensions.Count + 1 /* the review step */, today, clock.GetUtcNow(), tokenId];
        // Both rows, or neither, and only while the survey is open and the token valid and its
        // organisation's, its creator still a facilitator or owner there (all may be kept in memory,
        // decisions 9 and 10): a key stored for a response that was not would answer its retries
        // with a 201 for nothing.
        var allowed = $"""
            EXISTS (SELECT 1 FROM "Surveys" s JOIN "ApiTokens" t ON t."OrganisationId" = s."OrganisationId"
                JOIN "Memberships" m ON m."OrganisationId" = t."OrganisationId" AND m."UserId" = t."CreatedByUserId"
                WHERE s."Id" = $2 AND t."Id" = $9 AND t."RevokedAt" IS NULL AND m."Role" IN {Api.ApiTokenAuthentication.RolesInSql} AND{SurveyIsOpen(8)}{SurveyRowShared} OF s)
            """;
        const string InsertDraft = """
            INSERT INTO "ResponseDrafts" ("Id", "SurveyId", "ResumeCodeHash", "RoleId", "Answers", "Step", "Submitted", "UpdatedOn")
            SELECT $1, $2, $3, $4, $5::jsonb, $6, true, $7
            """;
        var (stored, waiting) = await CommitThenCountAsync(db, survey.Id, key is null
            ? Sql($"{InsertDraft} WHERE {allowed}", draft)
            // The key's row goes first: a concurrent repeat waits for it, then inserts nothing.
            : Sql($"""
                WITH k AS (
                    INSERT INTO "IdempotentRequests" ("TokenId", "KeyHash", "SurveyId", "Status", "RequestHash", "Body", "CreatedOn")
                    SELECT $9, $10, $2, 201, $11, $12, $7 WHERE {allowed} ON CONFLICT DO NOTHING RETURNING 1)
                {InsertDraft} WHERE EXISTS (SELECT 1 FROM k)
                """, [.. draft, key.KeyHash, key.RequestHash, key.Body]));
        if (!stored)
        {
            return false;
        }

        await StoreAfterSubmitAsync(survey, waiting);
        return true;
    }

    /// <summary>An API request's <c>Idempotency-Key</c> (hashed with the survey's id), the request's hash and the answer to give a repeat.</summary>
    public sealed record IdempotencyKey(string KeyHash, string RequestHash, string Body);

    private async Task<int> StoreBatchAsync(Survey survey, bool everything, int? waiting)
    {
        var batch = options.Value.BatchSize ?? survey.MinGroupSize;
        // Most submits do not complete a batch: they find that out without taking any lock, from
        // the partial index of waiting drafts.
        if (!everything && (waiting ?? await CountWaitingAsync(survey.Id)) < batch)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        // One batch at a time per survey. A submit that finds another batch being stored leaves its
        // draft for the next batch (or the closing) instead of queueing behind it: under load every
        // submit would otherwise wait for every other.
        var key = BatchLockKey(survey.Id);
        if (everything)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})");
        }
        else if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({key}) AS \"Value\"").SingleAsync())
        {
            return 0;
        }

        // Waits for the row locks of a submit in progress (not SKIP LOCKED, which could leave a draft
        // behind); locking in id order keeps two batches from deadlocking.
        var pending = await db.ResponseDrafts.FromSql($$"""
            SELECT * FROM "ResponseDrafts" WHERE "SurveyId" = {{survey.Id}} AND "Submitted" AND "Answers" <> '{}'::jsonb ORDER BY "Id" FOR UPDATE
            """).AsNoTracking().ToListAsync();
        if (pending.Count == 0 || (!everything && pending.Count < batch))
        {
            return 0;
        }

        // Written with Npgsql in one round trip: the batch's responses, all their answers and the
        // emptied drafts are three statements over arrays (row by row, EF Core would send one INSERT
        // per answer — most of a submit's work in PostgreSQL).
        var rated = survey.Roles.Where(r => r.IsRated).ToList();
        var responses = new List<(Guid Id, Guid Role, DateOnly Day)>(pending.Count);
        var answers = new List<Answer>(pending.Count * rated.Count);
        foreach (var draft in pending.OrderBy(_ => System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue)))
        {
            var id = Guid.NewGuid();
            responses.Add((id, draft.RoleId, draft.UpdatedOn));
            foreach (var answer in DraftAnswers.Parse(draft.Answers).ToAnswers(rated))
            {
                answer.ResponseId = id;
                answers.Add(answer);
            }
        }

        var codes = pending.Where(d => d.InvitationCodeId is not null).Select(d => d.InvitationCodeId!.Value).ToArray();
        await using var write = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            BatchCommands =
            {
                Sql("""
                    INSERT INTO "Responses" ("Id", "SurveyId", "RoleId", "SubmittedOn")
                    SELECT r.id, $1, r.role, r.day FROM unnest($2::uuid[], $3::uuid[], $4::date[]) WITH ORDINALITY AS r(id, role, day, n) ORDER BY r.n
                    """, survey.Id, responses.Select(r => r.Id).ToArray(), responses.Select(r => r.Role).ToArray(), responses.Select(r => r.Day).ToArray()),
                Sql(InsertAnswers, [answers.Select(a => a.ResponseId).ToArray(), answers.Select(a => a.TargetRoleId).ToArray(),
                    .. Dimensions.All.Select(d => answers.Select(a => a.Score(d)).ToArray())]),
                Sql("""UPDATE "ResponseDrafts" SET "Answers" = '{}'::jsonb, "InvitationCodeId" = NULL WHERE "Id" = ANY($1)""", pending.Select(d => d.Id).ToArray()),
            },
        };
        if (codes.Length > 0)
        {
            write.BatchCommands.Add(Sql("""UPDATE "InvitationCodes" SET "Used" = true WHERE "Id" = ANY($1)""", codes));
        }

        await write.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return pending.Count;
    }

    private async Task<int> CountWaitingAsync(Guid surveyId) =>
        await OnConnectionAsync(db, async connection =>
        {
            await using var count = Command(db, connection, CountWaiting, surveyId);
            return (int)(await count.ExecuteScalarAsync())!;
        });

    /// <summary>The advisory lock key of a survey's batches (its id's first 8 bytes): deleting the survey takes it too.</summary>
    internal static long BatchLockKey(Guid surveyId) => BitConverter.ToInt64(surveyId.ToByteArray(), 0);

    /// <summary>
    /// For a survey that no longer takes answers: stores every submitted draft and deletes the
    /// unfinished ones, which can never be submitted.
    /// </summary>
    public async Task FinishAsync(Survey survey)
    {
        await StoreSubmittedAsync(survey, everything: true);
        await db.ResponseDrafts.Where(d => d.SurveyId == survey.Id && !d.Submitted).ExecuteDeleteAsync();
        // Every response they acknowledged is stored now: their hashes have nothing left to guard.
        await db.IdempotentRequests.Where(r => r.SurveyId == survey.Id).ExecuteDeleteAsync();
    }

    private DateOnly Today => RespondentSql.Today(clock);
}
