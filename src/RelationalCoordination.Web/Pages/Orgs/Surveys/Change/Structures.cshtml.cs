using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Change;

/// <summary>
/// The change team rates each of the ten structures at one boundary between two roles as present,
/// weak or absent, with a note; a weak or absent structure becomes a candidate for the plan.
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class StructuresModel(CurrentOrganisation org, AppDbContext db, AssessStructures assess, SurveyResults results, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    public static IReadOnlyList<CatalogueItem> Structures { get; } = [.. InterventionCatalogue.All.Where(i => i.Kind == InterventionKind.Structural)];

    [BindProperty]
    public List<RatingInput> Ratings { get; set; } = [];

    public string A { get; private set; } = "";

    public string B { get; private set; } = "";

    /// <summary>The two directions of the boundary's tie, when reportable (a suppressed tie is null).</summary>
    public (TieResult? AToB, TieResult? BToA) Ties { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? a, string? b, bool saved)
    {
        if (!await BoundaryAsync(a, b))
        {
            return NotFound();
        }

        Saved = saved;
        var (first, second) = string.CompareOrdinal(A, B) <= 0 ? (A, B) : (B, A);
        var existing = await db.StructuralAssessments.AsNoTracking().SingleOrDefaultAsync(x => x.SurveyId == Survey.Id && x.RoleA == first && x.RoleB == second);
        Ratings = [.. Structures.Select(s => existing?.Ratings.FirstOrDefault(r => r.Structure == s.Key) is { } r
            ? new RatingInput { Structure = s.Key, Presence = r.Presence, Note = r.Note }
            : new RatingInput { Structure = s.Key, Presence = null })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? a, string? b)
    {
        if (!await BoundaryAsync(a, b))
        {
            return NotFound();
        }

        var validation = await new RatingInput.ListValidator().ValidateAsync(Ratings);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Ratings), texts);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var rated = Ratings.Where(r => r.Presence is not null)
            .Select(r => new StructureRating { Structure = r.Structure!, Presence = r.Presence!.Value, Note = r.Note }).ToList();
        if (await assess.RunAsync(org.Id, Survey.Id, A, B, rated) is not { IsDone: true })
        {
            return NotFound();
        }

        return RedirectToPage("/Orgs/Surveys/Change/Structures", new { orgId = org.Id, id = Survey.Id, a = A, b = B, saved = true });
    }

    private async Task<bool> BoundaryAsync(string? a, string? b)
    {
        var names = Survey.ReportedRoles.Select(r => r.Name).ToList();
        if (a is null || b is null || a == b || !names.Contains(a) || !names.Contains(b))
        {
            return false;
        }

        (A, B) = (a, b);
        if (await results.ForAsync(Survey) is { } result)
        {
            TieResult? Reportable(string from, string to) => result.Ties.SingleOrDefault(t => t.FromRole == from && t.ToRole == to && !t.Suppressed && t.Strength is not null);
            Ties = (Reportable(a, b), Reportable(b, a));
        }

        return true;
    }

    /// <summary>One structure's row: no presence chosen means "not assessed".</summary>
    public sealed class RatingInput
    {
        public string? Structure { get; set; }

        public StructurePresence? Presence { get; set; }

        public string? Note { get; set; }

        public sealed class ListValidator : AbstractValidator<List<RatingInput>>
        {
            public ListValidator()
            {
                RuleFor(list => list).Must(list => list.Select(r => r.Structure).Distinct().Count() == list.Count)
                    .WithMessage("Each structure is rated once.");
                RuleForEach(list => list).ChildRules(r =>
                {
                    r.RuleFor(x => x.Structure).Must(key => InterventionCatalogue.Find(key) is { Kind: InterventionKind.Structural })
                        .WithMessage("Rate only the ten structures listed.");
                    r.RuleFor(x => x.Presence).IsInEnum();
                    r.RuleFor(x => x.Note).MaximumLength(ChangeLimits.NoteMaxLength);
                });
            }
        }
    }
}
