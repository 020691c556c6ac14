using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>Continues a draft on another device (or after cookies were cleared) with its resume code.</summary>
[EnableRateLimiting(RateLimits.Codes)]
public sealed class ResumeModel(PublishedSurveys surveys, DraftStore drafts) : RespondentPageModel(surveys, drafts)
{
    public string? Problem { get; private set; }

    public string? Code { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key) =>
        await LoadAsync(key, needsDraft: false) ?? Page();

    public async Task<IActionResult> OnPostAsync(string key, string? code)
    {
        if (await LoadAsync(key, needsDraft: false) is { } elsewhere)
        {
            return elsewhere;
        }

        var resume = RespondentCodes.Normalize(code, RespondentCodes.ResumeCodeLength);
        var draft = resume is null ? null : await Drafts.DraftAsync(Survey, resume);
        if (draft is null)
        {
            Code = code;
            Problem = Texts.ResumeUnknown;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (draft.Submitted)
        {
            RespondentCookie.RememberSubmitted(HttpContext, Survey);
            return Redirect($"{WelcomeUrl}/thanks");
        }

        RespondentCookie.Remember(HttpContext, Survey, resume!);
        return Redirect(StepUrl(WelcomeUrl, draft));
    }

    /// <summary>Where a draft continues: the furthest question reached, or the review.</summary>
    public static string StepUrl(string welcomeUrl, Data.ResponseDraft draft) =>
        draft.Step > QuestionModel.Items ? $"{welcomeUrl}/review" : $"{welcomeUrl}/q/{Math.Max(1, draft.Step)}";
}
