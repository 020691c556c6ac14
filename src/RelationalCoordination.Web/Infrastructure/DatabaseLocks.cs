using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Infrastructure;

public static class DatabaseLocks
{
    /// <summary>
    /// Takes a PostgreSQL advisory lock for <paramref name="scope"/> until the current transaction
    /// ends, so that a check and the change it allows cannot interleave with another request's
    /// (every app instance shares the same locks).
    /// </summary>
    public static async Task LockAsync(this AppDbContext db, string scope) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({scope}, 0))");
}
