using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Tests.Infrastructure;
using RelationalCoordination.Web.Tests.Pages.Orgs;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Results;

/// <summary>Anonymity beyond the minimum group size: what is stored with a response, and what results can be asked for.</summary>
public sealed class AnonymityTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task No_address_user_agent_or_precise_time_is_stored_with_anything_a_respondent_sends()
    {
        // Every column of the tables a respondent writes to, with its type.
        var columns = await app.QueryAsync(db => db.Database.SqlQuery<string>($"""
            SELECT table_name || '.' || column_name || ':' || data_type AS "Value" FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name IN ('Responses', 'Answer', 'ResponseDrafts', 'InvitationCodes', 'IdempotentRequests')
            ORDER BY 1
            """).ToListAsync());
        var anywhere = await app.QueryAsync(db => db.Database.SqlQuery<string>($"""
            SELECT table_name || '.' || column_name AS "Value" FROM information_schema.columns
            WHERE table_schema = 'public' AND (data_type IN ('inet', 'cidr', 'macaddr')
               OR column_name ILIKE '%ip%addr%' OR column_name ILIKE '%agent%' OR column_name ILIKE '%remote%' OR column_name ILIKE '%browser%')
            """).ToListAsync());

        Assert.Empty(anywhere);
        Assert.Contains("Responses.SubmittedOn:date", columns);
        Assert.Contains("ResponseDrafts.UpdatedOn:date", columns);
        // The API's stored retries keep the day only (for expiry), a keyed hash of the body and "stored", never the answers.
        Assert.Contains("IdempotentRequests.CreatedOn:date", columns);
        Assert.DoesNotContain(columns, c => c.Contains("timestamp", StringComparison.Ordinal) || c.Contains("time ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Results_take_no_filter_that_could_split_a_group_and_respondent_ids_are_not_kept()
    {
        var id = await scenario.OpenSurveyAsync("No filters", ("Nurses", true, true), ("Physicians", true, true));
        Assert.Equal(HttpStatusCode.OK, (await scenario.ImportAsync(id, AuditLogTests.Responses(5))).Status);
        await scenario.CloseSurveyAsync(id);
        var results = $"/orgs/{scenario.OrgId}/surveys/{id}/results";
        var roles = await Respondent.RolesAsync(app, id);
        const string Filters = "role=Nurses&from=2026-01-01&to=2026-12-31&since=2026-01-01&group=a&respondent=SECRET-RESPONDENT-Nurses-0&submitted=today&code=ABC&minimumGroupSize=1&k=1";

        foreach (var page in new[] { "", "/heatmap", $"/roles/{roles["Nurses"]}", "/network", "/start", "/report", "/export/results.zip" })
        {
            using var plain = await scenario.Viewer.Http.GetAsync($"{results}{page}");
            using var filtered = await scenario.Viewer.Http.GetAsync($"{results}{page}?{Filters}");
            var text = await plain.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Equal(Normalised(text), Normalised(await filtered.Content.ReadAsStringAsync()));
            Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        }

        // The owner's raw export carries fresh random ids only.
        var raw = await scenario.Owner.Http.GetStringAsync($"/orgs/{scenario.OrgId}/surveys/{id}/export/responses.csv");
        Assert.DoesNotContain("SECRET", raw, StringComparison.Ordinal);
        Assert.Contains("X-000001", raw, StringComparison.Ordinal);
    }

    // Antiforgery tokens and the query string itself differ between two requests; nothing else may.
    private static string Normalised(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "(name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]+|\\?[^\"]*(?=\")", "$1");
}
