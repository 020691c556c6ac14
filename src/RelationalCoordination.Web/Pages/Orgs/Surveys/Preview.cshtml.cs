using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Shared;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

public sealed class PreviewModel(AppDbContext db, CurrentOrganisation org) : PageModel
{
    public Survey? Survey { get; private set; }

    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Survey = await db.FindAsync(org.Id, id);
        Texts = RespondentTexts.For(HttpContext);
        return Survey is null ? NotFound() : Page();
    }
}
