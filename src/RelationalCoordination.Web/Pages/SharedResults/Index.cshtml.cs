using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

namespace RelationalCoordination.Web.Pages.SharedResults;

/// <summary>The read-only results behind a shared link: overview, heatmap and network map, anonymous as always.</summary>
public sealed class IndexModel(AppDbContext db, SurveyResults results, TimeProvider clock, IStringLocalizer<SharedResource> texts) : PageModel
{
    public Survey Survey { get; private set; } = null!;

    public ScoringResult Result { get; private set; } = null!;

    public HeatmapView Heatmap { get; private set; } = null!;

    public string Map { get; private set; } = "";

    /// <summary>Why the link does not work, when it does not.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, string? view, Guid? from)
    {
        var hash = Secrets.Hash(token ?? "");
        var link = await db.ResultsLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash);
        if (link is null || link.RevokedAt is not null || link.ExpiresAt <= clock.GetUtcNow())
        {
            Refusal = link is null ? "This link does not exist. Check that it was copied whole." : "This link has expired or was withdrawn. Ask for a new one.";
            Response.StatusCode = link is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
            return Page();
        }

        if (view is not (null or "" or "rc") && !Dimensions.TryParseKey(view, out _))
        {
            return BadRequest();
        }

        Survey = (await db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position)).SingleAsync(s => s.Id == link.SurveyId));
        if (await results.ForAsync(Survey) is not { } result)
        {
            // A link shared while the survey is open works from the moment it closes.
            Refusal = SurveyResults.NotYet;
            return Page();
        }

        Result = result;
        Heatmap = new HeatmapView(Survey, Result, view is null or "" or "rc" ? null : Dimensions.TryParseKey(view, out var d) ? d : null, linkBase: null, from);
        Map = NetworkMap.Svg(Result, [.. Survey.ReportedRoles.Select(r => r.Name)], texts);
        return Page();
    }
}
