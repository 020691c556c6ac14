using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// Role by role: how each answering role (rows) experiences each rated role (columns), by the RC
/// index or one dimension. A tie below the minimum group size shows only that it is too small.
/// </summary>
public sealed class HeatmapModel(AppDbContext db, CurrentOrganisation org, SurveyResults results) : PageModel
{
    public CurrentOrganisation Org => org;

    public Survey Survey { get; private set; } = null!;

    /// <summary>The dimension shown, or null for the RC index (tie strength).</summary>
    public Dimension? Dimension { get; private set; }

    public IReadOnlyList<SurveyRole> Rows { get; private set; } = [];

    public IReadOnlyList<SurveyRole> Columns { get; private set; } = [];

    private Dictionary<(string, string), TieResult> ties = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? view)
    {
        if (await db.FindAsync(org.Id, id) is not { } survey)
        {
            return NotFound();
        }

        if (view is not (null or "" or "rc") && !Dimensions.TryParseKey(view, out _))
        {
            return BadRequest();
        }

        Dimension = view is null or "" or "rc" ? null : Dimensions.TryParseKey(view, out var d) ? d : null;
        Survey = survey;
        ties = (await results.ForAsync(survey)).Ties.ToDictionary(t => (t.FromRole, t.ToRole));
        Rows = [.. survey.Roles.Where(r => r.Answers)];
        Columns = [.. survey.Roles.Where(r => r.IsRated)];
        return Page();
    }

    /// <summary>What one cell shows: the tie, its value in this view, its band; null when nobody rated it.</summary>
    public (TieResult Tie, double? Value, TieBand? Band)? Cell(SurveyRole from, SurveyRole to)
    {
        if (!ties.TryGetValue((from.Name, to.Name), out var tie))
        {
            return null;
        }

        var value = Dimension is { } d ? tie.Mean(d) : tie.Strength;
        return (tie, value, value is { } v ? TieBands.Of(v) : null);
    }
}
