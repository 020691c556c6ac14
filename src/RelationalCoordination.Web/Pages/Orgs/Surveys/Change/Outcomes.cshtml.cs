using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Change;

/// <summary>
/// The performance outcomes the change team measured around this wave, under the model's five
/// headings: the series shows them beside relational coordination.
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class OutcomesModel(CurrentOrganisation org, AppDbContext db, RecordOutcomes record, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    [BindProperty]
    public OutcomeInput Input { get; set; } = new();

    public IReadOnlyList<OutcomeMeasure> Measures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Measures = (await db.RecordsAsync(Survey.Id)).Outcomes;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await new OutcomeInput.Validator().ValidateAsync(Input);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            Measures = (await db.RecordsAsync(Survey.Id)).Outcomes;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var saved = await record.RunAsync(org.Id, Survey.Id, new OutcomeEntry(Input.Heading!.Value, Input.Name!, Input.Value!.Value, Input.Unit, Input.LowerIsBetter, Input.Note));
        if (!saved.IsDone)
        {
            if (saved.Kind == OutcomeKind.NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("Input.Name", texts.Translate(saved.Message!));
            Measures = (await db.RecordsAsync(Survey.Id)).Outcomes;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage("/Orgs/Surveys/Change/Outcomes", new { orgId = org.Id, id = Survey.Id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid outcomeId) =>
        await record.RemoveAsync(org.Id, Survey.Id, outcomeId) is { IsDone: true }
            ? RedirectToPage("/Orgs/Surveys/Change/Outcomes", new { orgId = org.Id, id = Survey.Id })
            : NotFound();

    public sealed class OutcomeInput
    {
        public OutcomeHeading? Heading { get; set; }

        public string? Name { get; set; }

        public decimal? Value { get; set; }

        public string? Unit { get; set; }

        public bool LowerIsBetter { get; set; }

        public string? Note { get; set; }

        public sealed class Validator : AbstractValidator<OutcomeInput>
        {
            public Validator()
            {
                RuleFor(o => o.Heading).NotNull().WithMessage("Choose the outcome's heading.").IsInEnum();
                RuleFor(o => o.Name).NotEmpty().WithMessage("Name the measure, for example “Length of stay”.").MaximumLength(ChangeLimits.NameMaxLength);
                RuleFor(o => o.Value).NotNull().WithMessage("Give the measure's value as a number, for example 4.2.")
                    .InclusiveBetween(-99_999_999_999_999m, 99_999_999_999_999m).WithMessage("The value is too large.");
                RuleFor(o => o.Unit).MaximumLength(ChangeLimits.UnitMaxLength);
                RuleFor(o => o.Note).MaximumLength(ChangeLimits.NoteMaxLength);
            }
        }
    }
}
