using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Change;

/// <summary>
/// One intervention of the change plan: an item of the model's catalogue or the team's own, the
/// ties and dimensions it targets, its owner, dates and status, and a note for each test cycle.
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class InterventionModel(CurrentOrganisation org, AppDbContext db, PlanIntervention plan, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    /// <summary>Rows for targeted ties and test cycles offered beyond the ones already filled.</summary>
    public const int BlankTargets = 3;

    [BindProperty]
    public InterventionInput Input { get; set; } = new();

    public Intervention? Existing { get; private set; }

    public IReadOnlyList<string> RoleNames => [.. Survey.ReportedRoles.Select(r => r.Name)];

    public async Task<IActionResult> OnGetAsync(Guid? interventionId, string? item, string? from, string? to, Dimension? dimension)
    {
        if (interventionId is { } existing)
        {
            if (await db.Interventions.AsNoTracking().SingleOrDefaultAsync(i => i.SurveyId == Survey.Id && i.Id == existing) is not { } found)
            {
                return NotFound();
            }

            Existing = found;
            Input = InterventionInput.From(found);
        }
        else
        {
            // Prefilled from a suggestion ("Plan this") or an assessment: the team adjusts it.
            var catalogue = InterventionCatalogue.Find(item);
            Input.Item = catalogue?.Key ?? InterventionInput.Custom;
            Input.Kind = catalogue?.Kind ?? InterventionKind.Relational;
            Input.Name = catalogue?.Name;
            if (from is not null && to is not null && RoleNames.Contains(from) && RoleNames.Contains(to))
            {
                Input.Targets.Add(new() { From = from, To = to });
            }

            Input.Dimensions = dimension is { } d && Enum.IsDefined(d) ? [d] : [.. catalogue?.Builds ?? []];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? interventionId, uint version)
    {
        if (interventionId is { } existing)
        {
            Existing = await db.Interventions.AsNoTracking().SingleOrDefaultAsync(i => i.SurveyId == Survey.Id && i.Id == existing);
            if (Existing is null)
            {
                return NotFound();
            }
        }

        var validation = await new InterventionInput.Validator(RoleNames).ValidateAsync(Input);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var saved = await plan.RunAsync(org.Id, Survey.Id, interventionId, version, Input.ToPlan());
        if (!saved.IsDone)
        {
            if (saved.Kind == OutcomeKind.NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("", texts.Translate(saved.Message!));
            Response.StatusCode = saved.Kind == OutcomeKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage("/Orgs/Surveys/Change/Index", null, new { orgId = org.Id, id = Survey.Id, saved = true }, "plan");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid? interventionId)
    {
        if (interventionId is not { } id || await plan.RemoveAsync(org.Id, Survey.Id, id) is not { IsDone: true })
        {
            return NotFound();
        }

        return RedirectToPage("/Orgs/Surveys/Change/Index", null, new { orgId = org.Id, id = Survey.Id }, "plan");
    }

    /// <summary>The form. Blank target and cycle rows are dropped, so a form always offers a few empty ones.</summary>
    public sealed class InterventionInput
    {
        public const string Custom = "custom";

        public string? Item { get; set; }

        public InterventionKind Kind { get; set; }

        public string? Name { get; set; }

        public string? Owner { get; set; }

        public DateOnly? StartsOn { get; set; }

        public DateOnly? EndsOn { get; set; }

        public InterventionStatus Status { get; set; }

        public List<TieInput> Targets { get; set; } = [];

        public List<Dimension> Dimensions { get; set; } = [];

        public List<CycleInput> Cycles { get; set; } = [];

        public static InterventionInput From(Intervention i) => new()
        {
            Item = i.CatalogueKey ?? Custom,
            Kind = i.Kind,
            Name = i.Name,
            Owner = i.Owner,
            StartsOn = i.StartsOn,
            EndsOn = i.EndsOn,
            Status = i.Status,
            Targets = [.. i.Targets.Select(t => new TieInput { From = t.FromRole, To = t.ToRole })],
            Dimensions = [.. i.Dimensions],
            Cycles = [.. i.Cycles.Select(c => new CycleInput { On = c.On, CurrentState = c.CurrentState, DesiredState = c.DesiredState, Experiment = c.Experiment, Learned = c.Learned })],
        };

        public InterventionPlan ToPlan()
        {
            var item = InterventionCatalogue.Find(Item);
            return new(
                item?.Kind ?? Kind, item?.Key, string.IsNullOrWhiteSpace(Name) ? item!.Name : Name, Owner, StartsOn, EndsOn, Status,
                [.. Targets.Where(t => !t.IsBlank).Select(t => (t.From!, t.To!))],
                Dimensions,
                [.. Cycles.Where(c => !c.IsBlank).Select(c => new TestCycle { On = c.On, CurrentState = Trim(c.CurrentState), DesiredState = Trim(c.DesiredState), Experiment = Trim(c.Experiment), Learned = Trim(c.Learned) })]);
        }

        private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        public sealed class TieInput
        {
            public string? From { get; set; }

            public string? To { get; set; }

            public bool IsBlank => string.IsNullOrEmpty(From) && string.IsNullOrEmpty(To);
        }

        public sealed class CycleInput
        {
            public DateOnly? On { get; set; }

            public string? CurrentState { get; set; }

            public string? DesiredState { get; set; }

            public string? Experiment { get; set; }

            public string? Learned { get; set; }

            public bool IsBlank => On is null && new[] { CurrentState, DesiredState, Experiment, Learned }.All(string.IsNullOrWhiteSpace);
        }

        public sealed class Validator : AbstractValidator<InterventionInput>
        {
            public Validator(IReadOnlyList<string> roles)
            {
                RuleFor(i => i.Item).Must(item => item == Custom || InterventionCatalogue.Find(item) is not null)
                    .WithMessage("Choose an intervention from the list, or “Our own intervention”.");
                RuleFor(i => i.Name).NotEmpty().When(i => InterventionCatalogue.Find(i.Item) is null)
                    .WithMessage("Name your own intervention.");
                RuleFor(i => i.Name).MaximumLength(ChangeLimits.NameMaxLength);
                RuleFor(i => i.Owner).MaximumLength(ChangeLimits.OwnerMaxLength);
                RuleFor(i => i.Kind).IsInEnum();
                RuleFor(i => i.Status).IsInEnum();
                RuleFor(i => i.EndsOn).GreaterThanOrEqualTo(i => i.StartsOn).When(i => i.StartsOn is not null && i.EndsOn is not null)
                    .WithMessage("The end date cannot come before the start date.");
                RuleFor(i => i.Targets).Must(t => t.Count(x => !x.IsBlank) <= ChangeLimits.MaxTargets)
                    .WithMessage("An intervention targets at most 50 ties.");
                RuleForEach(i => i.Targets).Must(t => t.IsBlank || (t.From is not null && t.To is not null && roles.Contains(t.From) && roles.Contains(t.To)))
                    .WithMessage("Choose both roles of a targeted tie from the survey's roles, or leave both blank.");
                RuleForEach(i => i.Dimensions).IsInEnum();
                RuleFor(i => i.Cycles).Must(c => c.Count(x => !x.IsBlank) <= ChangeLimits.MaxCycles)
                    .WithMessage("An intervention keeps at most 50 test cycles.");
                RuleForEach(i => i.Cycles).ChildRules(c =>
                {
                    c.RuleFor(x => x.CurrentState).MaximumLength(ChangeLimits.NoteMaxLength);
                    c.RuleFor(x => x.DesiredState).MaximumLength(ChangeLimits.NoteMaxLength);
                    c.RuleFor(x => x.Experiment).MaximumLength(ChangeLimits.NoteMaxLength);
                    c.RuleFor(x => x.Learned).MaximumLength(ChangeLimits.NoteMaxLength);
                });
            }
        }
    }
}
