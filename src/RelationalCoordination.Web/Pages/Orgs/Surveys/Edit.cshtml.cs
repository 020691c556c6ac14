using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>Texts and dates stay editable in every state; the instrument only while the survey is a draft.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class EditModel(AppDbContext db, CurrentOrganisation org, IValidator<SurveySettings> validator, TimeProvider clock, EditSurvey edit) : PageModel
{
    [BindProperty]
    public SurveySettings Input { get; set; } = new();

    public Survey? Survey { get; private set; }

    /// <summary>Closed (by hand or by its date): the dates can no longer change.</summary>
    public bool Closed => Survey?.IsClosedAt(clock.GetUtcNow()) == true;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Survey = await db.FindAsync(org.Id, id);
        if (Survey is null)
        {
            return NotFound();
        }

        Input = SurveySettings.From(Survey);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, uint version)
    {
        Survey = await edit.FindAsync(org.Id, id);
        if (Survey is null)
        {
            return NotFound();
        }

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
            validation.AddTo(ModelState, nameof(Input));
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

            ModelState.AddModelError("", edited.Message!);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return Redirect($"/orgs/{org.Id}/surveys/{id}");
    }
}
