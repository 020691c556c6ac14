using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>The raw responses as a CSV file, for owners (<see cref="ExportResponses"/>).</summary>
[RequiresRole(OrgRole.Owner)]
public sealed class ExportModel(CurrentOrganisation org, ExportResponses export) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, bool bom = true)
    {
        var outcome = await export.RunAsync(org.Id, id, OrgRole.Owner, bom);
        switch (outcome.Kind)
        {
            case OutcomeKind.Done:
                var (file, leftOut) = outcome.Value!;
                Response.Headers["X-Respondents-Left-Out"] = leftOut.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return File(file.Content, file.ContentType, file.FileName);
            case OutcomeKind.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Content(outcome.Message!, "text/plain; charset=utf-8");
            default:
                return NotFound();
        }
    }
}
