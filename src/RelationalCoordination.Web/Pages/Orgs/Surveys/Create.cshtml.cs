using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

[RequiresRole(OrgRole.Facilitator)]
public sealed class CreateModel(AppDbContext db, CurrentOrganisation org, IValidator<SurveySettings> validator, CreateSurvey create, IStringLocalizer<SharedResource> texts) : PageModel
{
    [BindProperty]
    public SurveySettings Input { get; set; } = new();

    public Survey? WaveOf { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? waveOf)
    {
        if (waveOf is { } id)
        {
            WaveOf = await db.FindAsync(org.Id, id);
            if (WaveOf is null)
            {
                return NotFound();
            }

            Input = SurveySettings.From(WaveOf);
            Input.Title = texts.GetString("{0} — next wave", WaveOf.Title);
            Input.OpensOn = Input.ClosesOn = null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? waveOf)
    {
        if (waveOf is { } id && (WaveOf = await db.FindAsync(org.Id, id)) is null)
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Input);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var created = await create.RunAsync(org.Id, Input, waveOf: WaveOf?.Id);
        if (created.Value is not { } survey)
        {
            return NotFound();
        }

        return RedirectToPage("Roles", new { orgId = org.Id, id = survey.Id });
    }
}
