using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>The results as one print-ready page, which a browser turns into a PDF.</summary>
public sealed class ReportModel(AppDbContext db, CurrentOrganisation org, SurveyResults results, TimeProvider clock) : PageModel
{
    public Survey Survey { get; private set; } = null!;

    public ScoringResult Result { get; private set; } = null!;

    public HeatmapView Heatmap { get; private set; } = null!;

    public StartingPoints Points { get; private set; } = null!;

    public string Map { get; private set; } = "";

    public DateTimeOffset Printed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await db.FindAsync(org.Id, id) is not { } survey)
        {
            return NotFound();
        }

        if (await results.ForAsync(survey) is not { } result)
        {
            return Redirect($"/orgs/{org.Id}/surveys/{id}/results");   // it says why there are no results yet
        }

        (Survey, Result, Printed) = (survey, result, clock.GetUtcNow());
        Heatmap = new HeatmapView(survey, Result, null, linkBase: null);
        Points = WhereToStart.Analyse(Result);
        Map = NetworkMap.Svg(Result, [.. survey.Roles.Select(r => r.Name)]);
        return Page();
    }
}
