using System.Net;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.SharedResults;

/// <summary>A read-only results link for leaders without an account: it works until it expires or is revoked.</summary>
public sealed class SharedResultsTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task A_link_shows_the_results_without_an_account_until_it_is_revoked_or_expires()
    {
        var id = await scenario.OpenSurveyAsync("Shared", [.. ImportExportTests.HospitalRoles.Select(r => (r, true, true))]);
        await scenario.ImportAsync(id, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave1.csv")));
        await scenario.CloseSurveyAsync(id);
        var links = $"/orgs/{scenario.OrgId}/surveys/{id}/results/links";

        var made = await scenario.Facilitator.PostAsync($"{links}?handler=Create", [KeyValuePair.Create("days", "14")], links);
        var url = Regex.Match(made.Html, "id=\"link\">http://localhost(/r/[^<]+)<").Groups[1].Value;
        Assert.StartsWith("/r/", url, StringComparison.Ordinal);

        var shared = await scenario.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, shared.Status);
        Assert.Contains("Shared", shared.Text, StringComparison.Ordinal);
        Assert.Contains("id=\"heatmap\"", shared.Html, StringComparison.Ordinal);
        Assert.Contains("<svg", shared.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;5", shared.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("tie?from=", shared.Html, StringComparison.Ordinal);   // read-only: nothing links into the organisation
        Assert.Contains("Heatmap: Mutual respect", (await scenario.Anonymous.GetAsync($"{url}?view=mutual_respect")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.Anonymous.GetAsync($"{url}?view=x")).Status);

        var link = await app.QueryAsync(db => db.ResultsLinks.SingleAsync(l => l.SurveyId == id));
        Assert.Equal(14, (link.ExpiresAt - link.CreatedAt).TotalDays, 3);
        await scenario.Facilitator.PostAsync($"{links}?handler=Revoke&linkId={link.Id}", [], links);
        var revoked = await scenario.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.Gone, revoked.Status);
        Assert.Contains("expired or was withdrawn", revoked.Text, StringComparison.Ordinal);

        var again = await scenario.Facilitator.PostAsync($"{links}?handler=Create", [KeyValuePair.Create("days", "1")], links);
        var second = Regex.Match(again.Html, "id=\"link\">http://localhost(/r/[^<]+)<").Groups[1].Value;
        await app.QueryAsync(db => db.ResultsLinks.Where(l => l.SurveyId == id && l.RevokedAt == null).ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.Gone, (await scenario.Anonymous.GetAsync(second)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Anonymous.GetAsync("/r/not-a-link")).Status);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    [InlineData("soon")]
    public async Task A_bad_validity_makes_no_link(string days)
    {
        var links = $"/orgs/{scenario.OrgId}/surveys/{scenario.SurveyId}/results/links";
        var before = await app.CountAsync<RelationalCoordination.Web.Data.ResultsLink>();

        var refused = await scenario.Facilitator.PostAsync($"{links}?handler=Create", [KeyValuePair.Create("days", days)], links);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Valid for: give a whole number of days from 1 to 365.", refused.Text, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountAsync<RelationalCoordination.Web.Data.ResultsLink>());
    }
}
