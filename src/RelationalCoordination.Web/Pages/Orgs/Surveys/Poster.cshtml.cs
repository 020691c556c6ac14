using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Shared;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>An A4 poster for the break room: title, work process, the QR code and the short link, in the respondents' language.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class PosterModel(AppDbContext db, CurrentOrganisation org, AuditLog audit, KeyedHash keyed) : PageModel
{
    public Survey Survey { get; private set; } = null!;

    public ShareModel.ShareLink Link { get; private set; } = null!;

    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    public async Task<IActionResult> OnGetAsync(Guid id, int? role)
    {
        var share = new ShareModel(db, org, audit, keyed) { PageContext = PageContext };
        if (!await share.LoadAsync(id) || share.Links.FirstOrDefault(l => l.Role == role) is not { } link)
        {
            return NotFound();
        }

        (Survey, Link, Texts) = (share.Survey!, link, RespondentTexts.For(HttpContext));
        return Page();
    }
}
