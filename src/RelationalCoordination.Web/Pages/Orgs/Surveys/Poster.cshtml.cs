using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>An A4 poster for the break room: title, work process, the QR code and the short link, in the respondents' language.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class PosterModel(AppDbContext db, CurrentOrganisation org, AuditLog audit, KeyedHash keyed, SurveySeries series, TimeProvider clock, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    public ShareModel.ShareLink Link { get; private set; } = null!;

    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    public async Task<IActionResult> OnGetAsync(int? role)
    {
        var share = new ShareModel(db, org, audit, keyed, series, clock, texts) { PageContext = PageContext, Survey = Survey };
        await share.LoadAsync();
        if (share.Links.FirstOrDefault(l => l.Role == role) is not { } link)
        {
            return NotFound();
        }

        (Link, Texts) = (link, RespondentTexts.For(HttpContext));
        return Page();
    }
}
