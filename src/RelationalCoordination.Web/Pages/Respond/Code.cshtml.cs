using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>
/// Starts (or continues) answering with an invitation code, typed in or from a link on a slip.
/// Opening the link only shows the form: mail scanners that follow links must not use the code.
/// </summary>
[EnableRateLimiting(RateLimits.Codes)]
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
            // Begun on another device: it continues here, and the other device lets go.
            await Flow.RekeyAsync(HttpContext, survey, started.Id);
        }
        else if (!await Flow.StartAsync(HttpContext, survey, invitation.RoleId, invitation.Id))
        {
            // Closed a moment ago: the survey's page says so.
            await Flow.FindSurveyAgainAsync(survey.PublicKey);
        }

        await transaction.CommitAsync();
        return Redirect($"/s/{survey.PublicKey}");
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
