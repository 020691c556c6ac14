using System.Text;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>The role network map, on the page and as an SVG file.</summary>
public sealed class NetworkModel(CurrentOrganisation org, SurveyResults results, SurveySeries series, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public ScoringResult Result { get; private set; } = null!;

    public string Map { get; private set; } = "";

    /// <summary>The interventions of the change plan made from this wave or an earlier one, not stopped, that target ties.</summary>
    public IReadOnlyList<Intervention> Interventions { get; private set; } = [];

    public IReadOnlySet<(string From, string To)> Targeted => Interventions.TargetedTies();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } instead)
        {
            return instead;
        }

        Interventions = [.. (await db.ActiveInterventionsAsync([Survey.Id, .. (await series.EarlierWavesAsync(Survey)).Select(w => w.Id)])).Where(i => i.Targets.Count > 0)];
        return Page();
    }

    public async Task<IActionResult> OnGetSvgAsync() =>
        await LoadAsync() ?? File(Encoding.UTF8.GetBytes(Map), "image/svg+xml",
            ExportedFile.NameFor(Survey.Title, await series.WaveNumberAsync(Survey), "network", "svg", clock.GetUtcNow()));

    /// <summary>Loads the map; or what to answer instead (no results yet).</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        if (await results.ForAsync(Survey) is not { } result)
        {
            return RedirectToPage("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id });   // it says why there are no results yet
        }

        Result = result;
        Map = NetworkMap.Svg(Result, [.. Survey.ReportedRoles.Select(r => r.Name)], texts);
        return null;
    }
}
