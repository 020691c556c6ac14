using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Shared;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>The unused invitation codes as slips to print, cut and hand out, eight to an A4 page.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class SlipsModel(AppDbContext db, CurrentOrganisation org, AuditLog audit) : PageModel
{
    public Survey Survey { get; private set; } = null!;

    public IReadOnlyList<(SurveyRole Role, InvitationCode Code)> Codes { get; private set; } = [];

    public string EntryUrl { get; private set; } = "";

    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var share = new ShareModel(db, org, audit) { PageContext = PageContext };
        if (!await share.LoadAsync(id))
        {
            return NotFound();
        }

        Survey = share.Survey!;
        Codes = await share.CodesAsync(id, unusedOnly: true);
        await audit.RecordAsync(org.Id, AuditActions.InvitationCodesExported, $"{AuditLog.Survey(Survey)}: printable slips");
        EntryUrl = $"{PublicLinks.Base(Request)}/c";
        Texts = RespondentTexts.For(HttpContext);
        return Page();
    }
}
