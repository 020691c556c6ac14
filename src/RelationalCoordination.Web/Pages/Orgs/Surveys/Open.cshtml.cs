using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>
/// Opening a survey, after saying what it does: the roles and the instrument lock for good, and
/// the links and codes start taking answers. The page shows; its post opens (<see cref="OpenSurvey"/>).
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class OpenModel(CurrentOrganisation org, TimeProvider clock, SurveyLimits limits, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    /// <summary>Why the survey cannot be opened, said before the facilitator tries (or after, when it changed meanwhile).</summary>
    public string? Problem { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public void OnGet() => Problem = texts.TranslateOrNull(SurveyLifecycle.WhyNotOpen(Survey, Now, limits));

    public async Task<IActionResult> OnPostAsync(Guid id, [FromServices] OpenSurvey open)
    {
        var outcome = await open.RunAsync(org.Id, id);
        switch (outcome.Kind)
        {
            case Features.OutcomeKind.Done:
                return RedirectToPage("/Orgs/Surveys/Details", new { orgId = org.Id, id });
            case Features.OutcomeKind.NotFound:
                return NotFound();
            default:
                // The page again, with the survey as it is now: the refusal may be due to a change made meanwhile.
                if (!await ReloadSurveyAsync())
                {
                    return NotFound();
                }

                Problem = texts.TranslateOrNull(outcome.Message);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
    }
}
