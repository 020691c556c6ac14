using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>Read-only links to the results for leaders without an account: made with an expiry date, revocable.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class LinksModel(AppDbContext db, CurrentOrganisation org, TimeProvider clock, AuditLog audit) : SurveyPageModel
{
    public const int MaxDays = 365;

    public CurrentOrganisation Org => org;

    public IReadOnlyList<ResultsLink> Links { get; private set; } = [];

    /// <summary>A link just made: shown once, only its hash is kept.</summary>
    public string? Created { get; private set; }

    /// <summary>What is wrong with the form, a template of <see cref="MaxDays"/>.</summary>
    public string? Problem { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(int? days)
    {
        await LoadAsync();
        if (days is not (>= 1 and <= MaxDays))
        {
            Problem = "Valid for: give a whole number of days from 1 to {0}.";   // the page fills in MaxDays, in its language
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var token = Secrets.NewToken(24);
        var now = clock.GetUtcNow();
        db.ResultsLinks.Add(new ResultsLink
        {
            Id = Guid.NewGuid(),
            SurveyId = Survey.Id,
            TokenHash = Secrets.Hash(token),
            CreatedByUserId = org.UserId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days.Value),
        });
        audit.Add(org.Id, AuditActions.ResultsLinkCreated, $"{AuditLog.Survey(Survey)}: valid for {days} days");
        await db.SaveChangesAsync();
        Created = $"{PublicLinks.Base(Request)}/r/{token}";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid linkId)
    {
        // The survey is the organisation's (the page loaded it), so its id alone scopes the links.
        var revoked = await db.ResultsLinks
            .Where(l => l.Id == linkId && l.SurveyId == Survey.Id && l.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.RevokedAt, clock.GetUtcNow()));
        if (revoked == 0)
        {
            return NotFound();
        }

        await audit.RecordAsync(org.Id, AuditActions.ResultsLinkRevoked, AuditLog.Survey(Survey));
        return RedirectToPage("/Orgs/Surveys/Results/Links", new { orgId = org.Id, id = Survey.Id });
    }

    private async Task LoadAsync() =>
        Links = await db.ResultsLinks.AsNoTracking().Where(l => l.SurveyId == Survey.Id).OrderByDescending(l => l.CreatedAt).ToListAsync();
}
