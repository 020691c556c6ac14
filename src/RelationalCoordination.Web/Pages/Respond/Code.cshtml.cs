using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>
/// Starts (or continues) answering with an invitation code, typed in or from a link on a slip.
/// Opening the link only shows the form: mail scanners that follow links must not use the code.
/// </summary>
public sealed class CodeModel(RespondentFlow flow, AppDbContext db) : RespondentPageModel(flow)
{
    public string? Code { get; private set; }

    public string? Problem { get; private set; }

    public void OnGet(string? code)
    {
        LoadLanguage();
        Code = code;
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        LoadLanguage();
        var canonical = RespondentCodes.Normalize(code, RespondentCodes.InvitationCodeLength);
        var invitation = canonical is null ? null : await db.InvitationCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Code == canonical);
        var survey = invitation is null ? null : await Flow.FindSurveyByIdAsync(invitation.SurveyId);
        if (invitation is null || survey is null)
        {
            return Refuse(code, Texts.CodeUnknown);
        }

        if (Flow.AvailabilityOf(survey) != Availability.Open)
        {
            return Redirect($"/s/{survey.PublicKey}");
        }

        if (invitation.Used)
        {
            return Refuse(code, Texts.CodeUsed);
        }

        if (!await ContinueAsync(survey, invitation))
        {
            try
            {
                await Flow.StartAsync(HttpContext, survey, invitation.RoleId, invitation.Id);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another device started with the same code at the same moment: continue its draft.
                db.ChangeTracker.Clear();
                await ContinueAsync(survey, invitation);
            }
        }

        return Redirect($"/s/{survey.PublicKey}");
    }

    /// <summary>The code's draft, begun on another device, continues here; the other device lets go.</summary>
    private async Task<bool> ContinueAsync(Survey survey, InvitationCode invitation)
    {
        var started = await db.ResponseDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.InvitationCodeId == invitation.Id);
        if (started is null)
        {
            return false;
        }

        await Flow.RekeyAsync(HttpContext, survey, started.Id);
        return true;
    }

    private PageResult Refuse(string? code, string problem)
    {
        Code = code;
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void LoadLanguage() => ViewData["Title"] = (Texts = Shared.RespondentTexts.For(HttpContext)).CodeTitle;
}
