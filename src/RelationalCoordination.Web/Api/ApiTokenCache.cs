using Microsoft.Extensions.Caching.Memory;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Api;

/// <summary>
/// API tokens found valid in the last few seconds, by hash, for the endpoints whose write checks the
/// token again in SQL (<see cref="ApiTokenCheckedByWrite"/>): a kiosk posting responses would
/// otherwise look its token up in PostgreSQL for every one (decision 10). Every other endpoint
/// reads the token from the database, so that a revocation stops it at once on every instance.
/// </summary>
public sealed class ApiTokenCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public bool TryGet(string hash, out ApiTokenIdentity? token) => cache.TryGetValue(hash, out token);

    public void Keep(string hash, ApiTokenIdentity token) =>
        cache.Set(hash, token, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });

    public void Forget(string hash) => cache.Remove(hash);

    public void Dispose() => cache.Dispose();
}

/// <summary>What a request needs of its token: whose it is, and the role its creator holds now, for the claims.</summary>
public sealed record ApiTokenIdentity(Guid Id, Guid OrganisationId, string Name, OrgRole CreatorRole);

/// <summary>
/// Endpoint metadata: this endpoint's write checks in SQL that its token is still valid, so its
/// request may be authenticated from <see cref="ApiTokenCache"/>.
/// </summary>
public sealed class ApiTokenCheckedByWrite;
