using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>
/// The first page a respondent sees, from the survey's link, a role's link or an invitation code:
/// what the survey is about, who sees what, then the role choice. It also explains a survey that
/// cannot be answered (unknown, not open yet, closed).
/// </summary>
[EnableRateLimiting(RateLimits.Submissions)]
public sealed class WelcomeModel(PublishedSurveys surveys, DraftStore drafts) : RespondentPageModel(surveys, drafts)
{
    /// <summary>The number of a role in its link, <c>/s/{key}/{number}</c>: its place in the list, from 1.</summary>
    public static int LinkNumber(SurveyRole role) => role.Position + 1;

    /// <summary>The role of a role's link, preselected.</summary>
    public SurveyRole? LinkRole { get; private set; }

    public string? Problem { get; private set; }

    public IEnumerable<SurveyRole> AnsweringRoles => Survey.Roles.Where(r => r.Answers);

    public async Task<IActionResult> OnGetAsync(string key, int? role)
    {
        await LoadSurveyAsync(key);
        return Show(role);
    }

    public async Task<IActionResult> OnPostAsync(string key, int? role, Guid? chosenRole)
    {
        await LoadSurveyAsync(key);
        if (Availability != Availability.Open)
        {
            return Show(role);
        }

        if (Draft is { Submitted: false })
        {
            return Redirect(ResumeModel.StepUrl(WelcomeUrl, Draft));
        }

        if (HasSubmitted)
        {
            // A cached role form, after submitting: answering again is a deliberate "new response".
            return Show(role);
        }

        var answering = AnsweringRoles.SingleOrDefault(r => r.Id == chosenRole);
        if (answering is null)
        {
            Problem = Texts.ChooseRole;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Show(role);
        }

        if (!await Drafts.StartAsync(HttpContext, Survey, answering.Id))
        {
            // Closed since this page read it from memory: the welcome page now says so.
            await Surveys.FindSurveyAgainAsync(key);
            return Redirect(WelcomeUrl);
        }

        return Redirect($"{WelcomeUrl}/q/1");
    }

    /// <summary>Someone else on the same device (a kiosk, a shared phone): forget the submitted draft here.</summary>
    public async Task<IActionResult> OnPostNewAsync(string key)
    {
        await LoadSurveyAsync(key);
        if (Availability != Availability.Unknown)
        {
            RespondentCookie.Forget(HttpContext, Survey);
        }

        return Redirect(Availability == Availability.Unknown ? "/" : WelcomeUrl);
    }

    private PageResult Show(int? role)
    {
        if (Availability == Availability.Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        LinkRole = role is null ? null : AnsweringRoles.SingleOrDefault(r => LinkNumber(r) == role);
        if (role is not null && LinkRole is null && Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
