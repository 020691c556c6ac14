using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>
/// Invitation codes as slips to print, cut and hand out, eight to an A4 page: the codes of a new
/// batch, sent back by the page that showed them (the app keeps only their hashes, so it cannot
/// list a survey's codes). The unused ones only: a used code is no use on paper.
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class SlipsModel(AppDbContext db, CurrentOrganisation org, AuditLog audit, KeyedHash keyed, SurveySeries series, TimeProvider clock, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    public IReadOnlyList<(SurveyRole Role, string Code)> Codes { get; private set; } = [];

    public string EntryUrl { get; private set; } = "";

    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    /// <summary>The link of a code, as its QR code holds it: <c>/c/CODE</c>, the code page with the code filled in.</summary>
    public string CodeLink(string code) => $"{EntryUrl}/{code}";

    /// <summary>
    /// An old bookmark of the slips: the share page says how codes are shown now. It reads no
    /// survey: the share page answers for a missing one.
    /// </summary>
    [WithoutSurvey]
    public IActionResult OnGet(Guid id) => RedirectToPage("/Orgs/Surveys/Share", new { orgId = org.Id, id });

    public async Task<IActionResult> OnPostAsync(string? codes)
    {
        var share = new ShareModel(db, org, audit, keyed, series, clock, texts) { PageContext = PageContext, Survey = Survey };
        await share.LoadAsync();
        var (found, problem) = await share.CodesAsync(codes);
        if (problem is not null)
        {
            return BadRequest(texts.Translate(problem));
        }

        Codes = [.. found.Where(c => !c.Used).Select(c => (c.Role, c.Code))];
        await audit.RecordAsync(org.Id, AuditActions.InvitationCodesExported, $"{AuditLog.Survey(Survey)}: printable slips of {Codes.Count} codes");
        EntryUrl = $"{PublicLinks.Base(Request)}/c";
        Texts = RespondentTexts.For(HttpContext);
        // Not kept by the browser. Said as antiforgery says it for a page with a form, which otherwise
        // overrides the header and logs a warning every time.
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        return Page();
    }
}
