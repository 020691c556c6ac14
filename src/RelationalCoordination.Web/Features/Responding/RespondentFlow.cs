using RelationalCoordination.Domain.Instrument;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Features.Responding;

public enum Availability
{
    Unknown,
    NotOpen,
    Open,
    Closed,
}

public enum SubmitOutcome
{
    Stored,
    AlreadySubmitted,
    NothingAnswered,
    Gone,
}

/// <summary>
/// The respondent's side of a survey: finding it by its public key, starting, saving and submitting
/// a draft. The draft is found from the resume code in a cookie of the respondent's browser.
/// </summary>
public sealed partial class RespondentFlow(AppDbContext db, TimeProvider clock, IConfiguration configuration, SurveyDefinitions definitions, ILogger<RespondentFlow> log)
{
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(120);

    private static readonly Func<AppDbContext, Guid, Task<Survey?>> SurveyById = EF.CompileAsyncQuery(
        (AppDbContext db, Guid id) => db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position)).SingleOrDefault(s => s.Id == id));

    // Compiled: EF Core would otherwise look the query up in its cache from the expression tree.
    private static readonly Func<AppDbContext, string, Task<Survey?>> SurveyByKey = EF.CompileAsyncQuery(
        (AppDbContext db, string key) => db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position)).SingleOrDefault(s => s.PublicKey == key));


    /// <summary>The survey of a public key, as kept in memory for a few seconds (<see cref="SurveyDefinitions"/>).</summary>
    public async Task<Survey?> FindSurveyAsync(string? key)
    {
        var canonical = RespondentCodes.Normalize(key, RespondentCodes.SurveyKeyLength)?.ToLowerInvariant();
        return canonical is null ? null : await definitions.GetAsync(canonical, k => SurveyByKey(db, k));
    }

    /// <summary>The survey of a public key as it is now: after a write found it no longer open.</summary>
    public async Task<Survey?> FindSurveyAgainAsync(string? key)
    {
        if (RespondentCodes.Normalize(key, RespondentCodes.SurveyKeyLength)?.ToLowerInvariant() is { } canonical)
        {
            definitions.Forget(canonical);
        }

        return await FindSurveyAsync(key);
    }

    /// <summary>
    /// An open or closed survey of an organisation by its id, as kept in memory for a few seconds,
    /// for the API's submit (whose write checks in SQL that it is open).
    /// </summary>
    public async Task<Survey?> FindSurveyForSubmitAsync(Guid organisationId, Guid id) =>
        await definitions.GetAsync($"id:{id:N}", _ => SurveyById(db, id)) is { } survey && survey.OrganisationId == organisationId ? survey : null;

    /// <summary>An opened survey by its id, read now (an invitation code's).</summary>
    public async Task<Survey?> FindSurveyByIdAsync(Guid id) =>
        await SurveyById(db, id) is { PublicKey: not null } survey ? survey : null;

    public Availability AvailabilityOf(Survey? survey)
    {
        var now = clock.GetUtcNow();
        return survey switch
        {
            null => Availability.Unknown,
            { Status: SurveyStatus.Draft } => Availability.NotOpen,
            { Status: SurveyStatus.Closed } => Availability.Closed,
            { ClosesAt: { } closes } when closes <= now => Availability.Closed,
            { OpensAt: { } opens } when opens > now => Availability.NotOpen,
            _ => Availability.Open,
        };
    }

    /// <summary>The resume code this browser holds for a survey, if any.</summary>
    public static string? ResumeCodeIn(HttpContext http, Survey survey) =>
        RespondentCodes.Normalize(http.Request.Cookies[CookieName(survey)], RespondentCodes.ResumeCodeLength);

    public async Task<ResponseDraft?> DraftAsync(Survey survey, string? resumeCode) =>
        resumeCode is null ? null : await DraftByHashAsync(survey, Secrets.Hash(resumeCode));

    private async Task<ResponseDraft?> DraftByHashAsync(Survey survey, string hash) =>
        await OnConnectionAsync(async connection =>
        {
            // Npgsql directly: the one read of most pages, where even EF Core's compiled query took
            // a tenth of the app's CPU (docs/benchmarks.md).
            await using var command = Command(connection, """
                SELECT "Id", "RoleId", "InvitationCodeId", "Answers", "Step", "Submitted", "UpdatedOn"
                FROM "ResponseDrafts" WHERE "SurveyId" = $1 AND "ResumeCodeHash" = $2
                """, survey.Id, hash);
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync()
                ? new ResponseDraft
                {
                    Id = reader.GetGuid(0),
                    SurveyId = survey.Id,
                    ResumeCodeHash = hash,
                    RoleId = reader.GetGuid(1),
                    InvitationCodeId = reader.IsDBNull(2) ? null : reader.GetGuid(2),
                    Answers = reader.GetString(3),
                    Step = reader.GetInt32(4),
                    Submitted = reader.GetBoolean(5),
                    UpdatedOn = reader.GetFieldValue<DateOnly>(6),
                }
                : null;
        });

    /// <summary>
    /// Starts a draft for a role and gives this browser its resume code; false, starting nothing,
    /// when the survey is no longer open (the page may have shown it from memory).
    /// </summary>
    public async Task<bool> StartAsync(HttpContext http, Survey survey, Guid roleId, Guid? invitationCodeId = null)
    {
        var code = RespondentCodes.New(RespondentCodes.ResumeCodeLength);
        var now = clock.GetUtcNow();
        if (await ExecuteAsync(StartSql, Guid.NewGuid(), Secrets.Hash(code), roleId, (object?)invitationCodeId ?? DBNull.Value, Today, survey.Id, now) == 0)
        {
            return false;
        }

        Remember(http, survey, code);
        return true;
    }

    private static readonly string StartSql = """
        INSERT INTO "ResponseDrafts" ("Id", "SurveyId", "ResumeCodeHash", "RoleId", "InvitationCodeId", "Answers", "Step", "Submitted", "UpdatedOn")
        SELECT $1, s."Id", $2, $3, $4::uuid, '{}'::jsonb, 1, false, $5
        FROM "Surveys" s WHERE s."Id" = $6 AND
        """ + SurveyIsOpen(7);

    /// <summary>True when this browser submitted a response to the survey (and then let go of its resume code).</summary>
    public static bool HasSubmitted(HttpContext http, Survey survey) => http.Request.Cookies[CookieName(survey)] == SubmittedMark;

    /// <summary>
    /// After submitting, the browser keeps only the fact that it did (for the "already answered"
    /// page and a harmless back button), not the resume code that found the draft.
    /// </summary>
    public static void RememberSubmitted(HttpContext http, Survey survey) => Remember(http, survey, SubmittedMark);

    public static void Remember(HttpContext http, Survey survey, string resumeCode) =>
        http.Response.Cookies.Append(CookieName(survey), resumeCode, new CookieOptions
        {
            Path = "/s",
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = CookieLifetime,
            IsEssential = true,
        });

    public static void Forget(HttpContext http, Survey survey) =>
        http.Response.Cookies.Delete(CookieName(survey), new CookieOptions { Path = "/s" });

    /// <summary>
    /// Saves answers to one item (0-based <paramref name="item"/>; a null answer is unanswered) and
    /// the step reached into the draft of a resume code, without reading it first. False, saving
    /// nothing, when there is no such draft, it was submitted, or the survey is no longer open.
    /// </summary>
    public async Task<bool> SaveAsync(Survey survey, string resumeCode, int item, IReadOnlyDictionary<Guid, int?> answers, int step)
    {
        var now = clock.GetUtcNow();
        var slot = new[] { item.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var given = System.Text.Json.JsonSerializer.Serialize(answers);
        // The merge is PostgreSQL's, in the one statement: a save that waits for another one's row
        // lock (another tab, a double tap) merges into what that one stored, and a submit of the
        // same draft either comes first, and nothing is saved, or after.
        return await ExecuteAsync(SaveSql, DraftAnswers.EmptySlotsJson, slot, given, step, Today, survey.Id, Secrets.Hash(resumeCode), now) == 1;
    }

    private static readonly string SaveSql = """
        UPDATE "ResponseDrafts" d SET
            "Answers" = d."Answers" || coalesce((
                SELECT jsonb_object_agg(p.key, jsonb_set(coalesce(d."Answers" -> p.key, $1::jsonb), $2, p.value))
                FROM jsonb_each($3::jsonb) p), '{}'::jsonb),
            "Step" = GREATEST(d."Step", $4), "UpdatedOn" = $5
        WHERE d."SurveyId" = $6 AND d."ResumeCodeHash" = $7 AND NOT d."Submitted" AND
        """ + DraftSurveyIsOpen(8);

    /// <summary>
    /// Submits the draft of a resume code without reading it first, if it holds a score and the
    /// survey is still open; false, changing nothing, otherwise — <see cref="SubmitAsync"/> then
    /// says why.
    /// </summary>
    public async Task<bool> TrySubmitAsync(Survey survey, string resumeCode)
    {
        var now = clock.GetUtcNow();
        var (submitted, waiting) = await CommitThenCountAsync(survey.Id, Sql(SubmitSql, Today, survey.Id, Secrets.Hash(resumeCode), now));
        if (submitted)
        {
            await StoreAfterSubmitAsync(survey, waiting);
        }

        return submitted;
    }

    private static readonly string SubmitSql = """
        UPDATE "ResponseDrafts" d SET "Submitted" = true, "UpdatedOn" = $1
        WHERE d."SurveyId" = $2 AND d."ResumeCodeHash" = $3 AND NOT d."Submitted" AND jsonb_path_exists(d."Answers", '$.*[*] ? (@ > 0)') AND
        """ + DraftSurveyIsOpen(4, share: true);

    /// <summary>
    /// Ends a submit's check that the survey is open: its row is share-locked, so closing (which
    /// updates it) waits for submits in flight, and a submit after the closing committed re-reads the
    /// row and finds it closed. No answer can then arrive after the results were computed.
    /// </summary>
    private const string SurveyRowShared = " FOR SHARE";

    /// <summary>
    /// Submits a draft under its row lock, saying why when it cannot: what a submit does when
    /// <see cref="TrySubmitAsync"/> changed nothing. The lock makes a second submit (a double tap,
    /// a refresh, another device) wait, then find the draft already submitted. The answers become a
    /// response when the survey's submitted drafts are stored together (<see cref="StoreSubmittedAsync"/>).
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(Survey survey, ResponseDraft read)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var draft = await LockAsync(read.Id);
            if (draft is null)
            {
                return SubmitOutcome.Gone;
            }

            if (draft.Submitted)
            {
                return SubmitOutcome.AlreadySubmitted;
            }

            if (!DraftAnswers.Parse(draft.Answers).HasScore)
            {
                return SubmitOutcome.NothingAnswered;
            }

            // The survey may have closed since the page was shown; its results are then computed
            // and no answer may join them.
            var open = await OnConnectionAsync(async connection =>
            {
                await using var command = Command(connection, $"""SELECT 1 FROM "Surveys" s WHERE s."Id" = $1 AND{SurveyIsOpen(2)}{SurveyRowShared}""", survey.Id, clock.GetUtcNow());
                return await command.ExecuteScalarAsync() is not null;
            });
            if (!open)
            {
                return SubmitOutcome.Gone;
            }

            draft.Submitted = true;
            draft.UpdatedOn = Today;
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await StoreAfterSubmitAsync(survey, waiting: null);
        return SubmitOutcome.Stored;
    }

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
    private async Task StoreAfterSubmitAsync(Survey survey, int? waiting)
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
        var (stored, waiting) = await CommitThenCountAsync(survey.Id, key is null
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

    /// <summary>
    /// Runs one statement on its own (committed when it ends) and then counts the survey's drafts
    /// waiting for a batch, in one round trip: an error barrier (a Sync) between the two commits the
    /// first before the count reads, so that of two submits finishing together the later one counts
    /// both. Whether the statement changed a row, and the count.
    /// </summary>
    private async Task<(bool Changed, int Waiting)> CommitThenCountAsync(Guid surveyId, NpgsqlBatchCommand statement) =>
        await OnConnectionAsync(async connection =>
        {
            await using var batch = new NpgsqlBatch(connection) { EnableErrorBarriers = true };
            batch.BatchCommands.Add(statement);
            batch.BatchCommands.Add(Sql(CountWaiting, surveyId));
            var waiting = (int)(await batch.ExecuteScalarAsync())!;
            return (statement.RecordsAffected > 0, waiting);
        });

    /// <summary>
    /// The condition that the survey <c>s</c> (or the draft <c>d</c>'s survey) takes answers at the
    /// time of parameter <c>$<paramref name="now"/></c>, for the writes that must not rely on a
    /// survey kept in memory (decision 9).
    /// </summary>
    private static string DraftSurveyIsOpen(int now, bool share = false) =>
        $""" EXISTS (SELECT 1 FROM "Surveys" s WHERE s."Id" = d."SurveyId" AND{SurveyIsOpen(now)}{(share ? SurveyRowShared : "")})""";

    private static string SurveyIsOpen(int now) =>
        $""" s."Status" = 'Open' AND (s."OpensAt" IS NULL OR s."OpensAt" <= ${now}) AND (s."ClosesAt" IS NULL OR s."ClosesAt" > ${now})""";

    /// <summary>
    /// Runs <paramref name="work"/> with Npgsql on the context's connection (and in its transaction,
    /// if one is open): the respondent pages' hot statements, without EF Core's command building.
    /// </summary>
    private async Task<T> OnConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> work)
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

    private async Task<int> ExecuteAsync(string sql, params object[] values) =>
        await OnConnectionAsync(async connection =>
        {
            await using var command = Command(connection, sql, values);
            return await command.ExecuteNonQueryAsync();
        });

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>An API request's <c>Idempotency-Key</c> (hashed with the survey's id), the request's hash and the answer to give a repeat.</summary>
    public sealed record IdempotencyKey(string KeyHash, string RequestHash, string Body);

    private const string CountWaiting = """
        SELECT count(*)::int FROM "ResponseDrafts" WHERE "SurveyId" = $1 AND "Submitted" AND "Answers" <> '{}'::jsonb
        """;

    private async Task<int> StoreBatchAsync(Survey survey, bool everything, int? waiting)
    {
        var batch = configuration.GetValue<int?>("Respondents:BatchSize") ?? survey.MinGroupSize;
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
                Sql("""
                    INSERT INTO "Answer" ("ResponseId", "TargetRoleId", "Frequent", "Timely", "Accurate", "ProblemSolving", "SharedGoals", "SharedKnowledge", "MutualRespect")
                    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::smallint[], $5::smallint[], $6::smallint[], $7::smallint[], $8::smallint[], $9::smallint[])
                    """, answers.Select(a => a.ResponseId).ToArray(), answers.Select(a => a.TargetRoleId).ToArray(),
                    answers.Select(a => a.Frequent).ToArray(), answers.Select(a => a.Timely).ToArray(), answers.Select(a => a.Accurate).ToArray(),
                    answers.Select(a => a.ProblemSolving).ToArray(), answers.Select(a => a.SharedGoals).ToArray(), answers.Select(a => a.SharedKnowledge).ToArray(),
                    answers.Select(a => a.MutualRespect).ToArray()),
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
        await OnConnectionAsync(async connection =>
        {
            await using var count = Command(connection, CountWaiting, surveyId);
            return (int)(await count.ExecuteScalarAsync())!;
        });

    private static NpgsqlBatchCommand Sql(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

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

    /// <summary>
    /// Housekeeping, run periodically: finishes the surveys that closed (by hand or by their closing
    /// date) and still have drafts, and deletes unfinished drafts nobody touched for 60 days.
    /// </summary>
    public async Task SweepAsync()
    {
        var now = clock.GetUtcNow();
        var closed = await db.Surveys.AsNoTracking().Include(s => s.Roles)
            .Where(s => s.Status == SurveyStatus.Closed || (s.ClosesAt != null && s.ClosesAt <= now))
            .Where(s => db.ResponseDrafts.Any(d => d.SurveyId == s.Id && (!d.Submitted || d.Answers != "{}")))
            .ToListAsync();
        foreach (var survey in closed)
        {
            await FinishAsync(survey);
        }

        // A survey past its closing date is closed, as if someone had pressed Close: its results are
        // frozen and its retention period runs from then.
        if (await db.Surveys.Where(s => s.Status == SurveyStatus.Open && s.ClosesAt != null && s.ClosesAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SurveyStatus.Closed).SetProperty(s => s.UpdatedAt, now)) > 0)
        {
            SurveyDefinitions.Changed();
        }

        var stale = Today.AddDays(-60);
        await db.ResponseDrafts.Where(d => !d.Submitted && d.UpdatedOn < stale).ExecuteDeleteAsync();
        // Kept by its day only, a record goes when that day is over (so at most 24 hours), or once
        // its survey closed by date. A retry comes within seconds or minutes; one that spans
        // midnight UTC finds no record and stores its response again.
        await db.IdempotentRequests.Where(r => r.CreatedOn < Today
            || db.Surveys.Any(s => s.Id == r.SurveyId && (s.Status == SurveyStatus.Closed || (s.ClosesAt != null && s.ClosesAt <= now)))).ExecuteDeleteAsync();
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<ResponseDraft?> LockAsync(Guid draftId) =>
        await db.ResponseDrafts.FromSql($"""SELECT * FROM "ResponseDrafts" WHERE "Id" = {draftId} FOR UPDATE""").SingleOrDefaultAsync();

    private static string CookieName(Survey survey) => $"rc.draft.{survey.PublicKey}";

    private const string SubmittedMark = "submitted";
}
