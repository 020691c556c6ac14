using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>A printable facilitator's guide for a conversation of interdependence between two named roles.</summary>
public sealed class ConversationModel(CurrentOrganisation org, SurveyResults results) : SurveyPageModel
{
    public SurveyRole A { get; private set; } = null!;

    public SurveyRole B { get; private set; } = null!;

    public TieResult? AToB { get; private set; }

    public TieResult? BToA { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid a, Guid b)
    {
        var survey = Survey;
        if (survey.ReportedRoles.SingleOrDefault(r => r.Id == a) is not { } roleA
            || survey.ReportedRoles.SingleOrDefault(r => r.Id == b) is not { } roleB
            || a == b)
        {
            return NotFound();
        }

        (A, B) = (roleA, roleB);
        if (await results.ForAsync(survey) is not { } result)
        {
            return RedirectToPage("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id });   // it says why there are no results yet
        }

        var ties = result.Ties;
        AToB = ties.SingleOrDefault(t => t.FromRole == roleA.Name && t.ToRole == roleB.Name);
        BToA = ties.SingleOrDefault(t => t.FromRole == roleB.Name && t.ToRole == roleA.Name);
        return Page();
    }
}
