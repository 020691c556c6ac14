using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure.Options;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// For automated deployments: from <c>Bootstrap:AdminEmail</c>, <c>Bootstrap:AdminPassword</c>,
/// <c>Bootstrap:Organisation</c> and <c>Bootstrap:ApiToken</c>, the app creates on start an owner
/// account, their organisation and an API token for it — each only when it is missing, so a
/// restart changes nothing. The settings are <see cref="BootstrapOptions"/>, checked at start.
/// </summary>
public static class Bootstrap
{
    public static async Task BootstrapAsync(this IServiceProvider services)
    {
        // Checked at start (BootstrapOptions.Validator): with an email, a password and an organisation.
        var settings = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (settings.Email is not { } email)
        {
            return;
        }

        var password = settings.AdminPassword!;
        var name = settings.OrganisationName!;
        var token = settings.Token;

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
                throw new StartupProblemException($"Bootstrap: the admin account Bootstrap:AdminEmail cannot be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
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
