using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Audit;

/// <summary>The organisation's audit log, newest first, a page at a time: for owners.</summary>
[RequiresRole(OrgRole.Owner)]
public sealed class IndexModel(AppDbContext db, CurrentOrganisation org) : PageModel
{
    public const int PageSize = 100;

    public CurrentOrganisation Org => org;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(int? page)
    {
        PageNumber = Math.Clamp(page ?? 1, 1, 1_000_000);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.OrganisationId == org.Id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync();
        HasMore = entries.Count > PageSize;
        Entries = entries.Take(PageSize).ToList();
    }
}
