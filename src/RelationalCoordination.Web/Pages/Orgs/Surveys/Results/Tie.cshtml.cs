using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>One tie: its n, strength with confidence interval, the seven dimension means — or only that it is too small to show.</summary>
public sealed class TieModel(AppDbContext db, CurrentOrganisation org, SurveyResults results) : PageModel
{
    public CurrentOrganisation Org => org;

    public Survey Survey { get; private set; } = null!;

    public SurveyRole From { get; private set; } = null!;

    public SurveyRole To { get; private set; } = null!;

    /// <summary>The tie, or null when nobody in the rating role rated the other.</summary>
    public TieResult? Tie { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid from, Guid to)
    {
        if (await db.FindAsync(org.Id, id) is not { } survey
            || survey.Roles.SingleOrDefault(r => r.Id == from) is not { } fromRole
            || survey.Roles.SingleOrDefault(r => r.Id == to) is not { } toRole)
        {
            return NotFound();
        }

        (Survey, From, To) = (survey, fromRole, toRole);
        if (await results.ForAsync(survey) is not { } result)
        {
            return Redirect($"/orgs/{org.Id}/surveys/{id}/results");   // it says why there are no results yet
        }

        Tie = result.Ties.SingleOrDefault(t => t.FromRole == fromRole.Name && t.ToRole == toRole.Name);
        return Page();
    }
}
