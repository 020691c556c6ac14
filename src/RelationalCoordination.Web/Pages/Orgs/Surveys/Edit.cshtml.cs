using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>Texts and dates stay editable in every state; the instrument only while the survey is a draft.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class EditModel(CurrentOrganisation org, IValidator<SurveySettings> validator, TimeProvider clock, EditSurvey edit, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    [BindProperty]
    public SurveySettings Input { get; set; } = new();

    /// <summary>Closed (by hand or by its date): the dates can no longer change.</summary>
    public bool Closed => Survey.IsClosedAt(clock.GetUtcNow());

    public Task OnGetAsync()
    {
        Input = SurveySettings.From(Survey);
        return Task.CompletedTask;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, uint version)
    {
        // The survey as read before this post (with the version shown again if it is refused):
        // locked settings are kept from it, not from what the form posts.
        if (Survey.IsLocked)
        {
            // Disabled inputs are not posted: keep the locked values rather than the form's defaults.
            Input.FrequencyVariant = Survey.FrequencyVariant;
            Input.MinGroupSize = Survey.MinGroupSize;
            ModelState.Remove($"{nameof(Input)}.{nameof(SurveySettings.MinGroupSize)}");
            ModelState.Remove($"{nameof(Input)}.{nameof(SurveySettings.FrequencyVariant)}");
        }

        var validation = await validator.ValidateAsync(Input);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var edited = await edit.RunAsync(org.Id, id, version, Input);
        if (!edited.IsDone)
        {
            if (edited.Kind == Features.OutcomeKind.NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("", texts.Translate(edited.Message!));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectToPage("/Orgs/Surveys/Details", new { orgId = org.Id, id });
    }
}
