using System.Security.Claims;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Invitations;

/// <summary>Accepting an invitation link (signed-in users; others sign in or up first and come back).</summary>
public sealed class AcceptModel(AppDbContext db, TimeProvider clock, Infrastructure.AuditLog audit) : PageModel
{
    public Invitation? Invitation { get; private set; }

    public string OrganisationName { get; private set; } = "";

    // Invitations stored their hashes in upper case before the other secrets came along.
    public static string Hash(string token) => Secrets.Hash(token).ToUpperInvariant();

    public async Task<IActionResult> OnGetAsync(string token)
    {
        await FindAsync(token);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        await FindAsync(token);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Mark it used in the same statement that checks it is unused: two clicks cannot both join.
        var claimed = await db.Invitations
            .Where(i => i.Id == Invitation.Id && i.UsedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.UsedAt, now).SetProperty(x => x.UsedByUserId, userId));
        if (claimed == 0)
        {
            Invitation = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.OrganisationId == Invitation.OrganisationId && m.UserId == userId);
        if (membership is null)
        {
            db.Memberships.Add(new Membership { OrganisationId = Invitation.OrganisationId, UserId = userId, Role = Invitation.Role, CreatedAt = now });
        }
        else if (membership.Role < Invitation.Role)
        {
            membership.Role = Invitation.Role;
        }

        audit.Add(Invitation.OrganisationId, Infrastructure.AuditActions.MemberJoined, $"as {Invitation.Role.ToString().ToLowerInvariant()}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return RedirectToPage("/Orgs/Dashboard", new { orgId = Invitation.OrganisationId });
    }

    private async Task FindAsync(string token)
    {
        var hash = Hash(token ?? "");
        var now = clock.GetUtcNow();
        var found = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash && i.UsedAt == null && i.ExpiresAt > now)
            .Select(i => new { Invitation = i, i.Organisation!.Name })
            .SingleOrDefaultAsync();
        Invitation = found?.Invitation;
        OrganisationName = found?.Name ?? "";
    }
}
