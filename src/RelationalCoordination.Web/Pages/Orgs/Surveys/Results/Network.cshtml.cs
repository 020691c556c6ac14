using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>The role network map, on the page and as an SVG file.</summary>
public sealed class NetworkModel(AppDbContext db, CurrentOrganisation org, SurveyResults results) : PageModel
{
    public CurrentOrganisation Org => org;

    public Survey Survey { get; private set; } = null!;

    public ScoringResult Result { get; private set; } = null!;

    public string Map { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnGetSvgAsync(Guid id) =>
        await LoadAsync(id) ?? File(Encoding.UTF8.GetBytes(Map), "image/svg+xml", $"network-{Survey.Id:N}.svg");

    /// <summary>Loads the map; or what to answer instead (no such survey, or no results yet).</summary>
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await db.FindAsync(org.Id, id) is not { } survey)
        {
            return NotFound();
        }

        if (await results.ForAsync(survey) is not { } result)
        {
            return Redirect($"/orgs/{org.Id}/surveys/{id}/results");   // it says why there are no results yet
        }

        (Survey, Result) = (survey, result);
        Map = NetworkMap.Svg(Result, [.. survey.Roles.Select(r => r.Name)]);
        return null;
    }
}
