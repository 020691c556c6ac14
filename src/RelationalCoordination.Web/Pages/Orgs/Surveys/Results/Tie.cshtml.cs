using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>One tie: its n, strength with confidence interval, the seven dimension means — or only that it is too small to show.</summary>
public sealed class TieModel(CurrentOrganisation org, SurveyResults results) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public SurveyRole From { get; private set; } = null!;

    public SurveyRole To { get; private set; } = null!;

    /// <summary>The tie, or null when nobody in the rating role rated the other.</summary>
    public TieResult? Tie { get; private set; }

    /// <summary>
    /// The other direction — how <see cref="To"/> experience <see cref="From"/> — or null when nobody
    /// rated it or it is a role's tie to itself: a gap between the two directions is a conversation to have.
    /// </summary>
    public TieResult? Back { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid from, Guid to)
    {
        var survey = Survey;
        if (survey.ReportedRoles.SingleOrDefault(r => r.Id == from) is not { } fromRole
            || survey.ReportedRoles.SingleOrDefault(r => r.Id == to) is not { } toRole)
        {
            return NotFound();
        }

        (From, To) = (fromRole, toRole);
        if (await results.ForAsync(survey) is not { } result)
        {
            return RedirectToPage("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id });   // it says why there are no results yet
        }

        Tie = result.Ties.SingleOrDefault(t => t.FromRole == fromRole.Name && t.ToRole == toRole.Name);
        Back = fromRole.Id == toRole.Id ? null : result.Ties.SingleOrDefault(t => t.FromRole == toRole.Name && t.ToRole == fromRole.Name);
        return Page();
    }
}
