using System.Net;
using System.Net.Http.Headers;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>An automated deployment: owner, organisation and API token from configuration, once.</summary>
public sealed class BootstrapTests
{
    private const string Token = "rc_bootstrap-token-for-tests-0123456789abcdef";

    [Fact]
    public async Task The_app_creates_the_configured_owner_organisation_and_token_once()
    {
        await using var first = Configured(new AppFactory());
        using (var api = first.CreateClient())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/surveys")).StatusCode);
        }

        using (var owner = first.NewClient())
        {
            await owner.SignInAsync("ops@example.org", "a long bootstrap password");
            Assert.Contains("Ops hospital", (await owner.GetAsync("/orgs")).Text, StringComparison.Ordinal);
        }

        // A restart (another instance on the same database) creates nothing more.
        await using var second = Configured(new AppFactory(first.ConnectionString));
        using (var again = second.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/health")).StatusCode);
        }

        Assert.Equal(1, await second.QueryAsync(db => db.Users.CountAsync(u => u.Email == "ops@example.org")));
        Assert.Equal(1, await second.QueryAsync(db => db.Organisations.CountAsync(o => o.Name == "Ops hospital")));
        Assert.Equal(1, await second.QueryAsync(db => db.ApiTokens.CountAsync()));
        Assert.Equal(OrgRole.Owner, await second.QueryAsync(db => db.Memberships.Where(m => m.Organisation!.Name == "Ops hospital").Select(m => m.Role).SingleAsync()));
    }

    private static AppFactory Configured(AppFactory app)
    {
        app.Settings["Bootstrap:AdminEmail"] = "ops@example.org";
        app.Settings["Bootstrap:AdminPassword"] = "a long bootstrap password";
        app.Settings["Bootstrap:Organisation"] = "Ops hospital";
        app.Settings["Bootstrap:ApiToken"] = Token;
        return app;
    }
}
