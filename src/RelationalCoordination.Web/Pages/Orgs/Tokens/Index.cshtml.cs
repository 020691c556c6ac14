using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Api;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Tokens;

/// <summary>API tokens: facilitators create them (the token is shown once) and revoke them.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class IndexModel(AppDbContext db, CurrentOrganisation org, TimeProvider clock, AuditLog audit, IStringLocalizer<SharedResource> texts) : PageModel
{
    public CurrentOrganisation Org => org;

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>A token just created: shown once, never stored.</summary>
    public string? Created { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? name)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ApiTokenConfiguration.NameMaxLength)
        {
            Problem = texts.GetString("Name: give the token a name of 1 to {0} characters, such as the system that will use it.", ApiTokenConfiguration.NameMaxLength);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }

        Created = ApiTokenAuthentication.NewToken();
        db.ApiTokens.Add(new ApiToken
        {
            Id = Guid.NewGuid(),
            OrganisationId = org.Id,
            Name = name,
            TokenHash = Secrets.Hash(Created),
            CreatedByUserId = org.UserId,
            CreatedAt = clock.GetUtcNow(),
        });
        audit.Add(org.Id, AuditActions.TokenCreated, $"“{name}”");
        await db.SaveChangesAsync();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId)
    {
        var revoked = await db.ApiTokens.Where(t => t.Id == tokenId && t.OrganisationId == org.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, clock.GetUtcNow()));
        if (revoked == 0)
        {
            return NotFound();
        }

        await audit.RecordAsync(org.Id, AuditActions.TokenRevoked, $"“{await db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.Name).SingleAsync()}”");
        return RedirectToPage("/Orgs/Tokens/Index", new { orgId = org.Id });
    }

    private async Task LoadAsync() =>
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.OrganisationId == org.Id).OrderByDescending(t => t.CreatedAt).ToListAsync();
}
