using Microsoft.EntityFrameworkCore;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Pages.Respond;

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
    CodeUsed,
    Gone,
}

/// <summary>
/// The respondent's side of a survey: finding it by its public key, starting, saving and submitting
/// a draft. The draft is found from the resume code in a cookie of the respondent's browser.
/// </summary>
public sealed class RespondentFlow(AppDbContext db, TimeProvider clock)
{
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(120);

    public async Task<Survey?> FindSurveyAsync(string? key)
    {
        var canonical = RespondentCodes.Normalize(key, RespondentCodes.SurveyKeyLength)?.ToLowerInvariant();
        return canonical is null
            ? null
            : await db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position)).SingleOrDefaultAsync(s => s.PublicKey == canonical);
    }

    public async Task<Survey?> FindSurveyByIdAsync(Guid id) =>
        await db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position)).SingleOrDefaultAsync(s => s.Id == id && s.PublicKey != null);

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
        resumeCode is null
            ? null
            : await db.ResponseDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.SurveyId == survey.Id && d.ResumeCodeHash == RespondentCodes.Hash(resumeCode));

    /// <summary>Starts a draft for a role and gives this browser its resume code.</summary>
    public async Task<ResponseDraft> StartAsync(HttpContext http, Survey survey, Guid roleId, Guid? invitationCodeId = null)
    {
        var code = RespondentCodes.New(RespondentCodes.ResumeCodeLength);
        var draft = new ResponseDraft
        {
            Id = Guid.NewGuid(),
            SurveyId = survey.Id,
            RoleId = roleId,
            InvitationCodeId = invitationCodeId,
            ResumeCodeHash = RespondentCodes.Hash(code),
            UpdatedOn = Today,
        };
        db.ResponseDrafts.Add(draft);
        await db.SaveChangesAsync();
        Remember(http, survey, code);
        return draft;
    }

    /// <summary>Gives a draft a new resume code, held by this browser (the previous code stops working).</summary>
    public async Task RekeyAsync(HttpContext http, Survey survey, Guid draftId)
    {
        var code = RespondentCodes.New(RespondentCodes.ResumeCodeLength);
        await db.ResponseDrafts.Where(d => d.Id == draftId)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.ResumeCodeHash, RespondentCodes.Hash(code)).SetProperty(d => d.UpdatedOn, Today));
        Remember(http, survey, code);
    }

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
    /// Saves one item's answers (0-based <paramref name="item"/>) and the step reached, under a row
    /// lock so that a save and a submit of the same draft cannot interleave. False when the draft
    /// was submitted (or removed) meanwhile.
    /// </summary>
    public async Task<bool> SaveAsync(Guid draftId, int item, IReadOnlyDictionary<Guid, int?> answers, int step)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var draft = await LockAsync(draftId);
        if (draft is null || draft.Submitted)
        {
            return false;
        }

        var all = DraftAnswers.Parse(draft.Answers);
        foreach (var (role, value) in answers)
        {
            all.Set(role, item, value);
        }

        draft.Answers = all.ToJson();
        draft.Step = Math.Max(draft.Step, step);
        draft.UpdatedOn = Today;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// Turns a draft into a response, exactly once: the draft's row lock makes a second submit
    /// (a double tap, a refresh, another device) wait, then find the draft already submitted.
    /// The response gets a fresh id and no reference to the draft or its invitation code; the draft
    /// keeps neither its answers nor its code.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(Survey survey, Guid draftId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var draft = await LockAsync(draftId);
        if (draft is null)
        {
            return SubmitOutcome.Gone;
        }

        if (draft.Submitted)
        {
            return SubmitOutcome.AlreadySubmitted;
        }

        var answers = DraftAnswers.Parse(draft.Answers);
        if (answers.IsEmpty)
        {
            return SubmitOutcome.NothingAnswered;
        }

        if (draft.InvitationCodeId is { } codeId)
        {
            var used = await db.InvitationCodes.Where(c => c.Id == codeId && !c.Used)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Used, true));
            if (used == 0)
            {
                return SubmitOutcome.CodeUsed;
            }
        }

        db.Responses.Add(new Response
        {
            Id = Guid.NewGuid(),
            SurveyId = survey.Id,
            RoleId = draft.RoleId,
            SubmittedOn = Today,
            Answers = answers.ToAnswers(survey.Roles.Where(r => r.IsRated)),
        });
        draft.Submitted = true;
        draft.Answers = "{}";
        draft.InvitationCodeId = null;
        draft.UpdatedOn = Today;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return SubmitOutcome.Stored;
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<ResponseDraft?> LockAsync(Guid draftId) =>
        await db.ResponseDrafts.FromSql($"""SELECT * FROM "ResponseDrafts" WHERE "Id" = {draftId} FOR UPDATE""").SingleOrDefaultAsync();

    private static string CookieName(Survey survey) => $"rc.draft.{survey.PublicKey}";
}
