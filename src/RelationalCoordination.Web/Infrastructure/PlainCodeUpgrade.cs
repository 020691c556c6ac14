using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// Invitation codes made before they were stored as keyed hashes are still in the database in
/// clear. A migration cannot hash them (the key is configuration, not data), so the app does at
/// start, after migrating: a clear code is 10 characters and a hash 64, so the step finds only
/// what is left to do and a second run changes nothing. Codes already handed out keep working.
/// </summary>
public static class PlainCodeUpgrade
{
    public static async Task<int> HashPlainInvitationCodesAsync(AppDbContext db, KeyedHash keyed)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keyed);
        var plain = await db.InvitationCodes.AsNoTracking().Where(c => c.CodeHash.Length < 64)
            .Select(c => new { c.Id, c.CodeHash }).ToListAsync();
        if (plain.Count == 0)
        {
            return 0;
        }

        var ids = plain.Select(c => c.Id).ToArray();
        var hashes = plain.Select(c => keyed.Hash(c.CodeHash)).ToArray();
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE "InvitationCodes" c SET "CodeHash" = v.hash
            FROM unnest({ids}::uuid[], {hashes}::text[]) AS v(id, hash)
            WHERE c."Id" = v.id AND length(c."CodeHash") < 64
            """);
    }
}
