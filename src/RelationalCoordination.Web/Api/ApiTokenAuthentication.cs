using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Api;

/// <summary>
/// <c>Authorization: Bearer rc_…</c> for the API: the token's hash must belong to a token that is not
/// revoked and whose creator is still a facilitator or owner of its organisation; the request then
/// acts for the token's organisation. A token acts for its creator: it can do no more than they
/// can now, so removing a member, or making them a viewer, stops their tokens at once.
/// </summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenCache kept)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    public const string OrganisationClaim = "rc:organisation";

    public const string Prefix = "rc_";

    /// <summary>
    /// The roles a token's creator must hold for the token to work, as stored, for the submit's SQL:
    /// every API call changes or reads surveys as a facilitator.
    /// </summary>
    public const string RolesInSql = "('Facilitator', 'Owner')";

    public static string NewToken() => Prefix + Secrets.NewToken();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return AuthenticateResult.Fail("Not an API token.");
        }

        var hash = Secrets.Hash(token);
        var cacheable = Context.GetEndpoint()?.Metadata.GetMetadata<ApiTokenCheckedByWrite>() is not null;
        if (!cacheable || !kept.TryGet(hash, out var found))
        {
            found = await FindAsync(Context.RequestServices.GetRequiredService<AppDbContext>(), hash);
            if (found is null)
            {
                kept.Forget(hash);
                return AuthenticateResult.Fail("Unknown or revoked API token, or its creator no longer a facilitator of its organisation.");
            }

            if (cacheable)
            {
                kept.Keep(hash, found);
            }
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, found!.Id.ToString()), new Claim(ClaimTypes.Name, found.Name), new Claim(OrganisationClaim, found.OrganisationId.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>The request's bearer token, if it has one.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>The token of <paramref name="hash"/> if it exists, is not revoked and its creator still holds the role it needs.</summary>
    public static Task<ApiTokenIdentity?> FindAsync(AppDbContext db, string hash) =>
        db.ApiTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.RevokedAt == null
                && db.Memberships.Any(m => m.OrganisationId == t.OrganisationId && m.UserId == t.CreatedByUserId
                    // Listed, not compared: the role is stored as text, and 'Viewer' > 'Facilitator' as text.
                    && (m.Role == OrgRole.Facilitator || m.Role == OrgRole.Owner)))
            .Select(t => new ApiTokenIdentity(t.Id, t.OrganisationId, t.Name)).SingleOrDefaultAsync();

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A problem body of its own, so the app's HTML status pages leave API answers alone.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        Response.ContentType = "application/problem+json";
        await Response.WriteAsync("""{"title":"A valid API token is required: Authorization: Bearer <token>.","status":401}""");
    }
}
