using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RelationalCoordination.Web.Api;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// For automated deployments: from <c>Bootstrap:AdminEmail</c>, <c>Bootstrap:AdminPassword</c>,
/// <c>Bootstrap:Organisation</c> and <c>Bootstrap:ApiToken</c>, the app creates on start an owner
/// account, their organisation and an API token for it — each only when it is missing, so a
/// restart changes nothing.
/// </summary>
public static class Bootstrap
{
    public static async Task BootstrapAsync(this IServiceProvider services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Bootstrap");
        var email = section["AdminEmail"]?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        var password = section["AdminPassword"];
        var name = section["Organisation"]?.Trim();
        var token = section["ApiToken"]?.Trim();
        if (string.IsNullOrEmpty(password) || string.IsNullOrEmpty(name))
        {
            throw new StartupProblem("Bootstrap:AdminEmail is set: set Bootstrap:AdminPassword and Bootstrap:Organisation as well.");
        }

        if (!string.IsNullOrEmpty(token) && (!token.StartsWith(ApiTokenAuthentication.Prefix, StringComparison.Ordinal) || token.Length is < 32 or > 100))
        {
            throw new StartupProblem($"Bootstrap:ApiToken (Bootstrap__ApiToken) must start with \"{ApiTokenAuthentication.Prefix}\" and be 32 to 100 characters long, e.g. {ApiTokenAuthentication.Prefix} followed by 40 random letters and digits; it is {token.Length} characters long{(token.StartsWith(ApiTokenAuthentication.Prefix, StringComparison.Ordinal) ? "" : $" and does not start with \"{ApiTokenAuthentication.Prefix}\"")}.");
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Instances starting together take turns, so only one creates the account.
        await db.LockAsync("bootstrap");

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = now };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new StartupProblem($"Bootstrap: the admin account Bootstrap:AdminEmail cannot be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
        }

        var organisationId = await db.Memberships.Where(m => m.UserId == user.Id && m.Role == OrgRole.Owner && m.Organisation!.Name == name)
            .Select(m => (Guid?)m.OrganisationId).FirstOrDefaultAsync();
        if (organisationId is null)
        {
            var organisation = new Organisation { Id = Guid.NewGuid(), Name = name, CreatedAt = now };
            db.Organisations.Add(organisation);
            db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = user.Id, Role = OrgRole.Owner, CreatedAt = now });
            organisationId = organisation.Id;
        }

        if (!string.IsNullOrEmpty(token))
        {
            var hash = Secrets.Hash(token);
            if (!await db.ApiTokens.AnyAsync(t => t.TokenHash == hash))
            {
                db.ApiTokens.Add(new ApiToken
                {
                    Id = Guid.NewGuid(),
                    OrganisationId = organisationId.Value,
                    Name = "Bootstrap",
                    TokenHash = hash,
                    CreatedByUserId = user.Id,
                    CreatedAt = now,
                });
            }
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
