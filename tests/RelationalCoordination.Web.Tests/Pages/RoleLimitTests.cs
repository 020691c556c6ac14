using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Orgs.Surveys;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>The app with <c>Surveys:MaxRoles</c> set to 3, as an operator would set it.</summary>
public sealed class ThreeRolesApp : IAsyncLifetime
{
    public AppFactory App { get; } = new();

    public Scenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.Settings["Surveys:MaxRoles"] = "3";
        Scenario = await Scenario.CreateAsync(App);
    }

    public async Task DisposeAsync()
    {
        await Scenario.DisposeAsync();
        await App.DisposeAsync();
    }
}

public sealed class RoleLimitTests(ThreeRolesApp fixture) : IClassFixture<ThreeRolesApp>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task The_configured_limit_holds_in_the_role_editor()
    {
        var id = await scenario.CreateSurveyAsync(scenario.Facilitator, "Four roles", ("A", true, true));

        var refused = await scenario.SaveRolesAsync(scenario.Facilitator, id, ("A", true, true), ("B", true, true), ("C", true, true), ("D", true, true));
        var saved = await scenario.SaveRolesAsync(scenario.Facilitator, id, ("A", true, true), ("B", true, true), ("C", true, true));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("A survey can have at most 3 roles (this one has 4); remove 1 to go on.", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("A survey has at most 3 roles.", (await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/roles")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_limit_holds_in_the_api()
    {
        using var api = await scenario.ApiClientAsync();
        var before = await app.CountAsync<Survey>();

        var response = await api.PostAsJsonAsync("/api/v1/surveys", new { title = "Four", workProcess = "w", roles = new[] { new { name = "A" }, new { name = "B" }, new { name = "C" }, new { name = "D" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Give 1 to 3 roles: a survey can have at most 3 roles on this server.", errors.GetProperty("roles")[0].GetString());
        Assert.Equal(before, await app.CountAsync<Survey>());
    }

    [Fact]
    public async Task A_draft_with_more_roles_than_the_limit_does_not_open_until_roles_are_removed()
    {
        // A draft copied from a survey made before the limit was lowered keeps its roles as a draft.
        var id = await scenario.CreateSurveyAsync(scenario.Facilitator, "Made before", ("A", true, true), ("B", true, true), ("C", true, true));
        await app.QueryAsync(async db =>
        {
            db.SurveyRoles.Add(new SurveyRole { Id = Guid.NewGuid(), SurveyId = id, Name = "D", Position = 3 });
            return await db.SaveChangesAsync();
        });
        using var api = await scenario.ApiClientAsync("Open");

        var page = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/open", []);
        var apiOpen = await api.PostAsync($"/api/v1/surveys/{id}/open", null);

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("A survey can have at most 3 roles (this one has 4)", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, apiOpen.StatusCode);
        Assert.Contains("at most 3 roles", await apiOpen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SurveyStatus.Draft, await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("many")]
    [InlineData("-5")]
    public void A_limit_outside_1_to_the_engines_500_stops_the_start_naming_the_setting(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>("Surveys:MaxRoles", value)]).Build();

        var problem = Assert.Throws<StartupProblemException>(() => new SurveyLimits(configuration));

        Assert.Contains("Surveys__MaxRoles", problem.Message, StringComparison.Ordinal);
        Assert.Contains("from 1 to 500", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_setting_a_survey_has_at_most_100_roles()
    {
        Assert.Equal(100, new SurveyLimits(new ConfigurationBuilder().Build()).MaxRoles);
    }
}
