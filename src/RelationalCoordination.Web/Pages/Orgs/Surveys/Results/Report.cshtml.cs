using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>The results as one print-ready page, which a browser turns into a PDF.</summary>
public sealed class ReportModel(CurrentOrganisation org, SurveyResults results, TimeProvider clock, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    public ScoringResult Result { get; private set; } = null!;

    public HeatmapView Heatmap { get; private set; } = null!;

    public StartingPoints Points { get; private set; } = null!;

    public string Map { get; private set; } = "";

    public DateTimeOffset Printed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var survey = Survey;
        if (await results.ForAsync(survey) is not { } result)
        {
            return RedirectToPage("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id });   // it says why there are no results yet
        }

        (Result, Printed) = (result, clock.GetUtcNow());
        Heatmap = new HeatmapView(survey, Result, null, linkBase: null, phoneList: false);
        Points = WhereToStart.Analyse(Result);
        Map = NetworkMap.Svg(Result, [.. survey.ReportedRoles.Select(r => r.Name)], texts);
        return Page();
    }
}
