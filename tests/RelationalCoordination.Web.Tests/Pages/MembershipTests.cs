using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

public sealed class MembershipTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task An_invitation_makes_its_holder_a_member_with_its_role_once_only()
    {
        var link = await scenario.InvitationLinkAsync(OrgRole.Viewer);
        var path = new Uri(link).PathAndQuery;
        using var first = app.NewClient();
        using var second = app.NewClient();
        await first.SignUpAsync("first.invitee@example.org");
        await second.SignUpAsync("second.invitee@example.org");

        var joined = await first.PostAsync(path);
        var again = await second.PostAsync(path);

        Assert.Equal($"/orgs/{scenario.OrgId}", joined.Location);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Contains("This invitation cannot be used", again.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/orgs/{scenario.OrgId}")).Status);
        Assert.Equal(OrgRole.Viewer, await RoleOfAsync("first.invitee@example.org"));
    }

    [Fact]
    public async Task An_expired_invitation_cannot_be_used()
    {
        var path = new Uri(await scenario.InvitationLinkAsync(OrgRole.Facilitator)).PathAndQuery;
        await app.QueryAsync(db => db.Invitations.Where(i => i.UsedAt == null).ExecuteUpdateAsync(i => i.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        using var client = app.NewClient();
        await client.SignUpAsync("late.invitee@example.org");

        var page = await client.PostAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Null(await RoleOfAsync("late.invitee@example.org"));
    }

    [Fact]
    public async Task Only_a_hash_of_the_invitation_token_is_stored()
    {
        var link = await scenario.InvitationLinkAsync(OrgRole.Viewer);
        var token = link.Split('/').Last();

        var stored = await app.QueryAsync(db => db.Invitations.Select(i => i.TokenHash).ToListAsync());

        Assert.DoesNotContain(token, stored);
        Assert.Contains(Web.Pages.Invitations.AcceptModel.Hash(token), stored);
    }

    [Fact]
    public async Task An_organisation_keeps_at_least_one_owner()
    {
        var ownerId = await app.QueryAsync(db => db.Memberships.Where(m => m.OrganisationId == scenario.OrgId && m.Role == OrgRole.Owner).Select(m => m.UserId).SingleAsync());

        var page = await scenario.Owner.PostAsync($"/orgs/{scenario.OrgId}/members?handler=Remove", [KeyValuePair.Create("userId", ownerId.ToString())], $"/orgs/{scenario.OrgId}/members");

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("An organisation needs at least one owner", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owners_change_roles_and_remove_members()
    {
        var member = await scenario.MemberAsync("changing.member@example.org", OrgRole.Viewer);
        var userId = await app.QueryAsync(db => db.Users.Where(u => u.Email == "changing.member@example.org").Select(u => u.Id).SingleAsync());
        var members = $"/orgs/{scenario.OrgId}/members";

        await scenario.Owner.PostAsync($"{members}?handler=Role", [KeyValuePair.Create("userId", userId.ToString()), KeyValuePair.Create("role", "Facilitator")], members);
        var asFacilitator = await RoleOfAsync("changing.member@example.org");
        await scenario.Owner.PostAsync($"{members}?handler=Remove", [KeyValuePair.Create("userId", userId.ToString())], members);

        Assert.Equal(OrgRole.Facilitator, asFacilitator);
        Assert.Null(await RoleOfAsync("changing.member@example.org"));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/orgs/{scenario.OrgId}")).Status);
        member.Dispose();
    }

    [Theory]
    [InlineData("", "Enter the organisation's name.")]
    [InlineData("   ", "Enter the organisation's name.")]
    public async Task An_organisation_needs_a_name(string name, string message)
    {
        var before = await app.CountAsync<Organisation>();

        var page = await scenario.Outsider.PostAsync("/orgs", ("Input.Name", name));

        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountAsync<Organisation>());
    }

    [Fact]
    public async Task An_organisation_name_of_100_KB_is_refused()
    {
        var before = await app.CountAsync<Organisation>();

        var page = await scenario.Outsider.PostAsync("/orgs", ("Input.Name", new string('o', 100_000)));

        Assert.Contains("The name can have at most 200 characters.", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountAsync<Organisation>());
    }

    [Fact]
    public async Task A_user_sees_only_their_own_organisations()
    {
        var page = await scenario.Outsider.GetAsync("/orgs");

        Assert.Contains("Another hospital", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Medical wards", page.Text, StringComparison.Ordinal);
    }

    private Task<OrgRole?> RoleOfAsync(string email) => app.QueryAsync(db =>
        db.Memberships.Where(m => m.OrganisationId == scenario.OrgId && m.User!.Email == email).Select(m => (OrgRole?)m.Role).SingleOrDefaultAsync());
}
