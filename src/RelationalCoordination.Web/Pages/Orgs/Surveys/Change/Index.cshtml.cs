using Microsoft.AspNetCore.Mvc;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Change;

/// <summary>
/// The change plan made from a wave's results: its interventions, the structures assessed at weak
/// boundaries and the performance outcomes recorded for the wave. Viewers read it; facilitators change it.
/// </summary>
public sealed class IndexModel(CurrentOrganisation org, AppDbContext db) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public ChangeRecords Records { get; private set; } = null!;

    public bool Saved { get; private set; }

    public bool CanChange => org.IsAtLeast(OrgRole.Facilitator);

    public IReadOnlyList<string> RoleNames => [.. Survey.ReportedRoles.Select(r => r.Name)];

    public async Task<IActionResult> OnGetAsync(bool saved)
    {
        Saved = saved;
        Records = await db.RecordsAsync(Survey.Id);
        return Page();
    }
}
