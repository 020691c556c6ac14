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

    /// <summary>The organisation role the token's creator holds now: a token can do no more than they can.</summary>
    public const string CreatorRoleClaim = "rc:creator-role";

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
            [new Claim(ClaimTypes.NameIdentifier, found!.Id.ToString()), new Claim(ClaimTypes.Name, found.Name), new Claim(OrganisationClaim, found.OrganisationId.ToString()),
                new Claim(CreatorRoleClaim, found.CreatorRole.ToString())],
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
        (from t in db.ApiTokens.AsNoTracking()
         join m in db.Memberships on new { t.OrganisationId, UserId = t.CreatedByUserId } equals new { m.OrganisationId, m.UserId }
         where t.TokenHash == hash && t.RevokedAt == null
             // Listed, not compared: the role is stored as text, and 'Viewer' > 'Facilitator' as text.
             && (m.Role == OrgRole.Facilitator || m.Role == OrgRole.Owner)
         select new ApiTokenIdentity(t.Id, t.OrganisationId, t.Name, m.Role)).SingleOrDefaultAsync();

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The status-code pages write the problem details.
        Response.Headers.WWWAuthenticate = "Bearer";
        ApiProblems.Refuse(Context, StatusCodes.Status401Unauthorized, "A valid API token is required: Authorization: Bearer <token>.");
        return Task.CompletedTask;
    }
}
