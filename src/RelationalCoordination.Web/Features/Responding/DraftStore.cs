using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

using static RelationalCoordination.Web.Features.Responding.RespondentSql;

namespace RelationalCoordination.Web.Features.Responding;

public enum SubmitOutcome
{
    Stored,
    AlreadySubmitted,
    NothingAnswered,
    Gone,
}

/// <summary>
/// A respondent's draft: started for a role, saved at every step, submitted. The draft is found
/// from the resume code the respondent's browser holds (<see cref="RespondentCookie"/>); a
/// submitted draft waits for <see cref="ResponseBatches"/> to store it as a response.
/// </summary>
public sealed class DraftStore(AppDbContext db, TimeProvider clock, ResponseBatches batches)
{
    public async Task<ResponseDraft?> DraftAsync(Survey survey, string? resumeCode) =>
        resumeCode is null ? null : await DraftByHashAsync(survey, Secrets.Hash(resumeCode));

    private async Task<ResponseDraft?> DraftByHashAsync(Survey survey, string hash) =>
        await OnConnectionAsync(db, async connection =>
        {
            // Npgsql directly: the one read of most pages, where even EF Core's compiled query took
            // a tenth of the app's CPU (docs/benchmarks.md).
            await using var command = Command(db, connection, """
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
        if (await ExecuteAsync(db, StartSql, Guid.NewGuid(), Secrets.Hash(code), roleId, (object?)invitationCodeId ?? DBNull.Value, Today, survey.Id, now) == 0)
        {
            return false;
        }

        RespondentCookie.Remember(http, survey, code);
        return true;
    }

    private static readonly string StartSql = """
        INSERT INTO "ResponseDrafts" ("Id", "SurveyId", "ResumeCodeHash", "RoleId", "InvitationCodeId", "Answers", "Step", "Submitted", "UpdatedOn")
        SELECT $1, s."Id", $2, $3, $4::uuid, '{}'::jsonb, 1, false, $5
        FROM "Surveys" s WHERE s."Id" = $6 AND
        """ + SurveyIsOpen(7);

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
        return await ExecuteAsync(db, SaveSql, DraftAnswers.EmptySlotsJson, slot, given, step, Today, survey.Id, Secrets.Hash(resumeCode), now) == 1;
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
        var (submitted, waiting) = await CommitThenCountAsync(db, survey.Id, Sql(SubmitSql, Today, survey.Id, Secrets.Hash(resumeCode), now));
        if (submitted)
        {
            await batches.StoreAfterSubmitAsync(survey, waiting);
        }

        return submitted;
    }

    private static readonly string SubmitSql = """
        UPDATE "ResponseDrafts" d SET "Submitted" = true, "UpdatedOn" = $1
        WHERE d."SurveyId" = $2 AND d."ResumeCodeHash" = $3 AND NOT d."Submitted" AND jsonb_path_exists(d."Answers", '$.*[*] ? (@ > 0)') AND
        """ + DraftSurveyIsOpen(4, share: true);

    /// <summary>
    /// Submits a draft under its row lock, saying why when it cannot: what a submit does when
    /// <see cref="TrySubmitAsync"/> changed nothing. The lock makes a second submit (a double tap,
    /// a refresh, another device) wait, then find the draft already submitted. The answers become a
    /// response when the survey's submitted drafts are stored together (<see cref="ResponseBatches.StoreSubmittedAsync(Survey, bool)"/>).
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
            var open = await OnConnectionAsync(db, async connection =>
            {
                await using var command = Command(db, connection, $"""SELECT 1 FROM "Surveys" s WHERE s."Id" = $1 AND{SurveyIsOpen(2)}{SurveyRowShared}""", survey.Id, clock.GetUtcNow());
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

        await batches.StoreAfterSubmitAsync(survey, waiting: null);
        return SubmitOutcome.Stored;
    }

    /// <summary>
    /// How many drafts of a survey are started and not submitted: the answers that closing the
    /// survey discards, as the response rate counts them "in progress". One total for the survey,
    /// never per role: in a small role, a count of who is still answering could point at a person.
    /// </summary>
    public Task<int> InProgressAsync(Guid surveyId) =>
        db.ResponseDrafts.CountAsync(d => d.SurveyId == surveyId && !d.Submitted);

    private async Task<ResponseDraft?> LockAsync(Guid draftId) =>
        await db.ResponseDrafts.FromSql($"""SELECT * FROM "ResponseDrafts" WHERE "Id" = {draftId} FOR UPDATE""").SingleOrDefaultAsync();

    private DateOnly Today => RespondentSql.Today(clock);
}
