using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;

namespace RelationalCoordination.Web.Tests.Pages.Results;

/// <summary>
/// A role designated as a boundary spanner (issue 18): set in the role editor or through the API,
/// and checked on "where to start" against how the other roles experience it.
/// </summary>
public sealed class BoundarySpannerTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task A_designated_boundary_spanner_is_checked_against_how_the_others_experience_it()
    {
        var id = await scenario.ClosedSurveyAsync("Spanners", Wave1, [.. ImportExportTests.HospitalRoles]);
        var spanners = new[] { "Case managers", "Physicians" };
        await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id && spanners.Contains(r.Name)).ExecuteUpdateAsync(u => u.SetProperty(r => r.IsBoundarySpanner, true)));
        var checks = WhereToStart.CheckSpanners(Engine(), spanners);

        var text = Squash((await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start")).Text);

        Assert.Contains("Designated boundary spanners", text, StringComparison.Ordinal);
        Assert.Contains(checks, c => c.IsFlagged);
        foreach (var check in checks)
        {
            Assert.Contains($"{check.Role} : the other roles experience it at {Web.Features.Results.ColourScale.Score(check.Received, 2)} on average.", text, StringComparison.Ordinal);
            if (!check.RatedWeakBy.IsEmpty)
            {
                Assert.Contains($"Experienced as weak by {string.Join(", ", check.RatedWeakBy)}.", text, StringComparison.Ordinal);
            }

            if (!check.WeakWith.IsEmpty)
            {
                Assert.Contains($"Itself works weakly with {string.Join(", ", check.WeakWith)}.", text, StringComparison.Ordinal);
            }
        }

        // Without a designated role, the section is not there.
        await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.IsBoundarySpanner, false)));
        Assert.DoesNotContain("Designated boundary spanners", (await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_role_editor_and_the_API_set_the_boundary_spanner()
    {
        var id = await scenario.CreateSurveyAsync(scenario.Facilitator, "Spanner editor", ("Nurses", true, true), ("Case managers", true, true));
        var roles = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).ToListAsync());
        var saved = await scenario.PostRolesAsync(scenario.Facilitator, id,
        [
            new() { ["Id"] = roles[0].Id.ToString(), ["Name"] = "Nurses", ["Position"] = "1", ["Answers"] = "true", ["IsRated"] = "true" },
            new() { ["Id"] = roles[1].Id.ToString(), ["Name"] = "Case managers", ["Position"] = "2", ["Answers"] = "true", ["IsRated"] = "true", ["IsBoundarySpanner"] = "true" },
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal([false, true], await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).Select(r => r.IsBoundarySpanner).ToListAsync()));
        var page = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/roles");
        Assert.Matches("name=\"Roles\\[1\\].IsBoundarySpanner\" value=\"true\" checked=\"checked\"", page.Html);

        using var api = await scenario.ApiClientAsync("Spanners");
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title = "Spanner API",
            workProcess = "discharging a patient",
            roles = new object[] { new { name = "Nurses" }, new { name = "Case managers", boundarySpanner = true } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = await api.GetFromJsonAsync<JsonElement>(created.Headers.Location!);
        Assert.Equal([false, true], detail.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("boundarySpanner").GetBoolean()));
    }
}
