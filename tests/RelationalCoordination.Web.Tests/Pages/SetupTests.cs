using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Demo;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

public sealed class SetupTests : IDisposable
{
    private readonly AppFactory app = new();

    [Fact]
    public async Task The_first_user_creates_the_first_organisation_and_owns_it()
    {
        using var client = app.NewClient();

        var bad = await client.PostAsync("/setup", ("Input.OrganisationName", ""), ("Input.Email", "first@example.org"), ("Input.Password", "long enough password"));
        var done = await client.PostAsync("/setup", ("Input.OrganisationName", "St Olav's"), ("Input.Email", "first@example.org"), ("Input.Password", "long enough password"));
        using var second = app.NewClient();
        var later = await second.GetAsync("/setup");

        Assert.Contains("Enter the organisation's name.", bad.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        var membership = await app.QueryAsync(db => db.Memberships.Include(m => m.Organisation).SingleAsync());
        Assert.Equal(("St Olav's", OrgRole.Owner), (membership.Organisation!.Name, membership.Role));
        Assert.Equal($"/orgs/{membership.OrganisationId}", done.Location);
        Assert.Equal("/account/signin", later.Location);
    }

    [Fact]
    public async Task The_demo_user_sees_two_answered_waves_of_the_demo_survey_and_a_third_open_for_answers()
    {
        await app.Services.SeedDemoAsync();
        await app.Services.SeedDemoAsync();   // a second start seeds nothing twice
        using var client = app.NewClient();

        await client.SignInAsync(DemoSeed.Email, DemoSeed.Password);
        var orgs = await client.GetAsync("/orgs");
        var orgId = await app.QueryAsync(db => db.Organisations.Where(o => o.Name == DemoSeed.OrganisationName).Select(o => o.Id).SingleAsync());
        var dashboard = await client.GetAsync($"/orgs/{orgId}");

        Assert.Contains(DemoSeed.OrganisationName, orgs.Text, StringComparison.Ordinal);
        Assert.Contains("Discharging a patient — wave 1", dashboard.Text, StringComparison.Ordinal);
        Assert.Contains("Discharging a patient — wave 2", dashboard.Text, StringComparison.Ordinal);
        // The reference data's respondents, with realistic numbers of nurses and case managers added (scripts/demo-data.py).
        Assert.Equal((120 + 30) + (140 + 30), await app.CountAsync<Response>());
        Assert.Equal((876 + (30 * 8)) + (1042 + (30 * 8)), await app.QueryAsync(db => db.Set<Answer>().CountAsync()));
        Assert.Equal(2, await app.QueryAsync(db => db.Surveys.CountAsync(s => s.Status == SurveyStatus.Closed)));
        Assert.Contains("Discharging a patient — wave 3", dashboard.Text, StringComparison.Ordinal);
        var open = await app.QueryAsync(db => db.Surveys.Include(s => s.Roles).SingleAsync(s => s.Status == SurveyStatus.Open));
        Assert.Equal("Discharging a patient — wave 3", open.Title);
        Assert.Equal(8, open.Roles.Count);
        var welcome = await app.NewClient().GetAsync($"/s/{open.PublicKey}");
        Assert.Equal(System.Net.HttpStatusCode.OK, welcome.Status);
        Assert.Contains("Physicians", welcome.Text, StringComparison.Ordinal);
    }

    public void Dispose() => app.Dispose();
}
