using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// Role by role: how each answering role (rows) experiences each rated role (columns), by the RC
/// index or one dimension. A tie below the minimum group size shows only that it is too small.
/// </summary>
public sealed class HeatmapModel(CurrentOrganisation org, SurveyResults results, AppDbContext db, SurveySeries series) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    /// <summary>The dimension shown, or null for the RC index (tie strength).</summary>
    public Dimension? Dimension { get; private set; }

    public HeatmapView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? view, Guid? from)
    {
        if (view is not (null or "" or "rc") && !Dimensions.TryParseKey(view, out _))
        {
            return BadRequest();
        }

        Dimension = view is null or "" or "rc" ? null : Dimensions.TryParseKey(view, out var d) ? d : null;
        if (await results.ForAsync(Survey) is not { } result)
        {
            return RedirectToPage("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id });   // it says why there are no results yet
        }

        View = new HeatmapView(Survey, result, Dimension, Url.Page("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id }), from)
        {
            Targeted = await db.TargetedTiesAsync([Survey.Id, .. (await series.EarlierWavesAsync(Survey)).Select(w => w.Id)]),
        };
        return Page();
    }
}
