using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>The results as files (<see cref="ExportResults"/>).</summary>
public sealed class ExportModel(CurrentOrganisation org, ExportResults export) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string file)
    {
        var outcome = await export.RunAsync(org.Id, id, file);
        return outcome.Kind switch
        {
            OutcomeKind.Done => File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName),
            // The results page says why there are no results yet.
            OutcomeKind.Conflict => RedirectToPage("Index", new { orgId = org.Id, id }),
            _ => NotFound(),
        };
    }
}
