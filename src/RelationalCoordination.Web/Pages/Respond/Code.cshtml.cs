using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>
/// Starts answering with an invitation code, typed in or from a link on a slip. Opening the link
/// only shows the form: mail scanners that follow links must not use the code. A code starts one
/// response and never opens it again: whoever handed the codes out knows whose code is whose, so a
/// code that reopened its draft would show them that person's answers. Continuing on another
/// device takes the respondent's own resume code.
/// </summary>
[EnableRateLimiting(RateLimits.Codes)]
public sealed class CodeModel(PublishedSurveys surveys, DraftStore drafts, AppDbContext db, KeyedHash keyed) : RespondentPageModel(surveys, drafts)
{
    public string? Code { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Where a respondent continues with their resume code, when their code already started a response.</summary>
    public string? ResumeUrl { get; private set; }

    /// <summary>
    /// The form, with the code of the link filled in and the title of its survey, so the respondent
    /// knows what they are about to answer. Reading the code uses nothing. An unknown code shows
    /// only that it is unknown, the same for every unknown code.
    /// </summary>
    public async Task OnGetAsync(string? code)
    {
        LoadLanguage();
        Code = code;
        if (string.IsNullOrWhiteSpace(code))
        {
            return;
        }

        if (await InvitationAsync(code) is { Survey: { } survey })
        {
            await LoadSurveyAsync(survey.PublicKey!);
        }
        else
        {
            Problem = Texts.CodeUnknown;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        LoadLanguage();
        var (invitation, survey) = await InvitationAsync(code);
        if (invitation is null || survey is null)
        {
            return Refuse(code, Texts.CodeUnknown);
        }

        // Refused from here on, the page still names the survey: the code is known.
        await LoadSurveyAsync(survey.PublicKey!);

        if (Surveys.AvailabilityOf(survey) != Availability.Open)
        {
            return Redirect($"/s/{survey.PublicKey}");
        }

        // The code's row lock makes redemptions of one code (on two devices at once) take turns.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var locked = await db.InvitationCodes.FromSql($"""SELECT * FROM "InvitationCodes" WHERE "Id" = {invitation.Id} FOR UPDATE""").AsNoTracking().SingleAsync();
        var started = await db.ResponseDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.InvitationCodeId == invitation.Id);
        if (locked.Used || started is { Submitted: true })
        {
            return Refuse(code, Texts.CodeUsed);
        }

        if (started is not null)
        {
            // Whoever enters it learns only that it was used, never the answers. The device that
            // began holds the draft's resume code (in a cookie of the survey's pages, which this
            // page does not see): the survey's link continues there.
            ResumeUrl = $"/s/{survey.PublicKey}/resume";
            return Refuse(code, Texts.CodeStarted);
        }

        if (!await Drafts.StartAsync(HttpContext, survey, invitation.RoleId, invitation.Id))
        {
            // Closed a moment ago: the survey's page says so.
            await Surveys.FindSurveyAgainAsync(survey.PublicKey);
        }

        await transaction.CommitAsync();
        return Redirect($"/s/{survey.PublicKey}");
    }

    /// <summary>The invitation code typed or linked (any spacing, case or dashes) and its opened survey; nulls when there is none.</summary>
    private async Task<(InvitationCode? Invitation, Survey? Survey)> InvitationAsync(string? code)
    {
        var canonical = RespondentCodes.Normalize(code, RespondentCodes.InvitationCodeLength);
        var hash = canonical is null ? null : keyed.Hash(canonical);
        var invitation = hash is null ? null : await db.InvitationCodes.AsNoTracking().SingleOrDefaultAsync(c => c.CodeHash == hash);
        return (invitation, invitation is null ? null : await Surveys.FindSurveyByIdAsync(invitation.SurveyId));
    }

    private PageResult Refuse(string? code, string problem)
    {
        Code = code;
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void LoadLanguage() => ViewData["Title"] = (Texts = RespondentTexts.For(HttpContext)).CodeTitle;
}
