using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>The results as files (<see cref="ExportResults"/>).</summary>
public sealed class ExportModel(CurrentOrganisation org, ExportResults export) : PageModel
{
    // bom=false leaves out the byte-order mark that Excel needs and a few scripts do not want.
    public async Task<IActionResult> OnGetAsync(Guid id, string file, bool bom = true)
    {
        var outcome = await export.RunAsync(org.Id, id, file, bom);
        return outcome.Kind switch
        {
            OutcomeKind.Done => File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName),
            // The results page says why there are no results yet.
            OutcomeKind.Conflict => RedirectToPage("Index", new { orgId = org.Id, id }),
            _ => NotFound(),
        };
    }
}
