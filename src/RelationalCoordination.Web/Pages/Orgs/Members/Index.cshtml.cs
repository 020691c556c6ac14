using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Members;

[RequiresRole(OrgRole.Owner)]
public sealed class IndexModel(AppDbContext db, CurrentOrganisation org, TimeProvider clock, AuditLog audit, IStringLocalizer<SharedResource> texts) : PageModel
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public CurrentOrganisation Org => org;

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public string? InvitationLink { get; private set; }

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync(OrgRole role)
    {
        if (!Enum.IsDefined(role))
        {
            return BadRequest();
        }

        var token = Secrets.NewToken();
        var now = clock.GetUtcNow();
        db.Invitations.Add(new Invitation
        {
            Id = Guid.NewGuid(),
            OrganisationId = org.Id,
            TokenHash = Invitations.AcceptModel.Hash(token),
            Role = role,
            CreatedByUserId = org.UserId,
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
        });
        audit.Add(org.Id, AuditActions.MemberInvited, $"an invitation link for a new {role.ToString().ToLowerInvariant()}");
        await db.SaveChangesAsync();
        InvitationLink = $"{Request.Scheme}://{Request.Host}/invitations/{token}";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid userId, OrgRole role)
    {
        if (!Enum.IsDefined(role))
        {
            return BadRequest();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.LockAsync($"owners:{org.Id}");
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.OrganisationId == org.Id && m.UserId == userId);
        if (membership is null)
        {
            return NotFound();
        }

        if (membership.Role == OrgRole.Owner && role != OrgRole.Owner && await IsLastOwnerAsync(userId))
        {
            return await FailAsync("An organisation needs at least one owner: make someone else owner first.");
        }

        audit.Add(org.Id, AuditActions.MemberRoleChanged, $"{await EmailAsync(userId)}: {membership.Role.ToString().ToLowerInvariant()} → {role.ToString().ToLowerInvariant()}");
        membership.Role = role;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid userId)
    {
        // Two owners removing each other at once must not leave the organisation without one.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.LockAsync($"owners:{org.Id}");
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.OrganisationId == org.Id && m.UserId == userId);
        if (membership is null)
        {
            return NotFound();
        }

        if (membership.Role == OrgRole.Owner && await IsLastOwnerAsync(userId))
        {
            return await FailAsync("An organisation needs at least one owner: make someone else owner first.");
        }

        db.Memberships.Remove(membership);
        audit.Add(org.Id, AuditActions.MemberRemoved, await EmailAsync(userId));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return RedirectToPage();
    }

    private async Task<string> EmailAsync(Guid userId) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync() ?? userId.ToString();

    private Task<bool> IsLastOwnerAsync(Guid userId) =>
        db.Memberships.AllAsync(m => m.OrganisationId != org.Id || m.Role != OrgRole.Owner || m.UserId == userId);

    private async Task<IActionResult> FailAsync(string message)
    {
        Message = texts.Translate(message);
        MessageIsError = true;
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Members = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganisationId == org.Id)
            .OrderBy(m => m.User!.Email)
            .Select(m => new MemberRow(m.UserId, m.User!.Email ?? "", m.Role))
            .ToListAsync();
    }

    public sealed record MemberRow(Guid UserId, string Email, OrgRole Role);
}
