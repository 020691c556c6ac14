using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Orgs;

/// <summary>Every audited action, done through the pages and the API, shows on the owners' audit page — and no answer does.</summary>
public sealed partial class AuditLogTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private static readonly string[] TwoRoles = ["Nurses", "Physicians"];

    /// <summary>Three respondents per role; "SECRET-RESPONDENT" ids and 1-to-5 scores that must never reach the log.</summary>
    internal static string Responses(int respondents = 3) =>
        "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n" +
        string.Concat(Enumerable.Range(0, respondents).SelectMany(i => TwoRoles.SelectMany(role =>
            TwoRoles.Select(target => $"SECRET-RESPONDENT-{role}-{i},{role},{target},5,4,3,2,1,4,5\n"))));

    [Fact]
    public async Task The_audit_log_shows_every_action_with_who_did_it_and_no_answer()
    {
        var org = $"/orgs/{scenario.OrgId}";
        var facilitator = scenario.Facilitator;
        var owner = scenario.Owner;

        // Surveys through the pages: create, change, open, codes, import, exports, links, close, delete.
        var id = await scenario.CreateSurveyAsync(facilitator, "Audited survey", ("Nurses", true, true), ("Physicians", true, true));
        var survey = $"{org}/surveys/{id}";
        await facilitator.PostAsync($"{survey}/edit", [
            KeyValuePair.Create("version", (await scenario.VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            KeyValuePair.Create("Input.Title", "Audited survey"), KeyValuePair.Create("Input.WorkProcess", "discharging a patient"),
            KeyValuePair.Create("Input.MinGroupSize", "3"), KeyValuePair.Create("Input.FrequencyVariant", "Frequency")]);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostAsync($"{survey}/open", [])).Status);
        var roles = await Respondent.RolesAsync(app, id);
        var (_, codes) = await GeneratedCodes.GenerateAsync(scenario, id, 2, roles["Nurses"]);
        var sent = string.Join(' ', codes.Select(c => c.Code));
        Assert.Equal(HttpStatusCode.OK, (await facilitator.PostAsync($"{survey}/share?handler=CodesCsv", [KeyValuePair.Create("codes", sent)], $"{survey}/share")).Status);
        Assert.Equal(HttpStatusCode.OK, (await facilitator.PostAsync($"{survey}/slips", [KeyValuePair.Create("codes", sent)], $"{survey}/share")).Status);
        Assert.Equal(HttpStatusCode.OK, (await scenario.ImportAsync(id, Responses())).Status);
        await facilitator.PostAsync($"{survey}/results/links?handler=Create", [KeyValuePair.Create("days", "7")], $"{survey}/results/links");
        var linkId = await app.QueryAsync(db => db.ResultsLinks.Where(l => l.SurveyId == id).Select(l => l.Id).SingleAsync());
        await facilitator.PostAsync($"{survey}/results/links?handler=Revoke&linkId={linkId}", [], $"{survey}/results/links");
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostAsync($"{survey}/close", [])).Status);
        // Results and raw answers exist once the survey is closed.
        Assert.Equal(HttpStatusCode.OK, (await scenario.Owner.Http.GetAsync($"{survey}/export/responses.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Viewer.Http.GetAsync($"{survey}/results/export/results.xlsx")).StatusCode);
        var doomed = await scenario.CreateSurveyAsync(facilitator, "Doomed survey", ("Nurses", true, true));
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostAsync($"{org}/surveys/{doomed}/delete", ("confirm", "yes"))).Status);

        // Members and tokens.
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var member = await scenario.MemberAsync($"audited-{tag}@example.org", OrgRole.Viewer);
        var memberId = await app.QueryAsync(db => db.Users.Where(u => u.Email == $"audited-{tag}@example.org").Select(u => u.Id).SingleAsync());
        await owner.PostAsync($"{org}/members?handler=Role&userId={memberId}&role=Facilitator", [], $"{org}/members");
        await owner.PostAsync($"{org}/members?handler=Remove&userId={memberId}", [], $"{org}/members");
        var created = await facilitator.PostAsync($"{org}/tokens?handler=Create", [KeyValuePair.Create("name", "Kiosk <7>")], $"{org}/tokens");
        var token = TokenPattern().Match(created.Html).Groups[1].Value;

        // The API, as the token.
        using (var api = app.CreateClient())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var made = await api.PostAsJsonAsync("/api/v1/surveys", new { title = "API survey", workProcess = "discharging", minimumGroupSize = 3, roles = new[] { new { name = "Nurses" }, new { name = "Physicians" } } });
            var apiSurvey = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await api.PostAsync($"/api/v1/surveys/{apiSurvey}/open", null);
            using var csv = new StringContent(Responses(), Encoding.UTF8, "text/csv");
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{apiSurvey}/responses/import", csv)).StatusCode);
            await api.PostAsync($"/api/v1/surveys/{apiSurvey}/close", null);
        }

        var tokenId = await app.QueryAsync(db => db.ApiTokens.Where(t => t.OrganisationId == scenario.OrgId && t.Name == "Kiosk <7>").Select(t => t.Id).SingleAsync());
        await facilitator.PostAsync($"{org}/tokens?handler=Revoke&tokenId={tokenId}", [], $"{org}/tokens");
        await owner.PostAsync($"{org}/settings?handler=Retention", [KeyValuePair.Create("months", "24")], $"{org}/settings");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostAsync($"{org}/settings/wording/da",
            [.. Enumerable.Range(0, 8).Select(i => KeyValuePair.Create($"Items[{i}].Wording", $"Egen ordlyd {i} om {{work process}}?"))], $"{org}/settings/wording/da")).Status);
        await owner.Http.GetAsync($"{org}/settings?handler=Export");

        var page = await owner.GetAsync($"{org}/audit");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = RowPattern().Matches(page.Html).Select(m => (Action: m.Groups[1].Value, Text: WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[2].Value, " ")))).ToList();
        var expected = typeof(AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!)
            .Except([AuditActions.RawAnswersDeleted])   // by the housekeeping service: DataLifecycleTests
            .ToList();
        Assert.Empty(expected.Except(rows.Select(r => r.Action)));
        string Row(string action, string contains) => rows.First(r => r.Action == action && r.Text.Contains(contains, StringComparison.Ordinal)).Text;
        Assert.Contains("facilitator-", Row(AuditActions.SurveyOpened, "Audited survey"), StringComparison.Ordinal);
        Assert.Contains("6 responses (12 rows)", Row(AuditActions.ResponsesImported, "Audited survey"), StringComparison.Ordinal);
        Assert.Contains("viewer-", Row(AuditActions.ResultsExported, "results.xlsx"), StringComparison.Ordinal);
        Assert.Contains("API token “Kiosk <7>”", Row(AuditActions.SurveyOpened, "API survey"), StringComparison.Ordinal);
        Assert.Contains("API token “Kiosk <7>”", Row(AuditActions.ResponsesImported, "API survey"), StringComparison.Ordinal);
        Assert.Contains($"audited-{tag}@example.org", Row(AuditActions.MemberRoleChanged, "viewer → facilitator"), StringComparison.Ordinal);
        Assert.Contains("owner-", Row(AuditActions.MemberRemoved, $"audited-{tag}@example.org"), StringComparison.Ordinal);
        Assert.Contains("Doomed survey", Row(AuditActions.SurveyDeleted, "Doomed survey"), StringComparison.Ordinal);
        Assert.Contains("owner-", Row(AuditActions.ItemWordingChanged, "Danish: the organisation's own wording"), StringComparison.Ordinal);
        Assert.Contains("Kiosk &lt;7&gt;", page.Html, StringComparison.Ordinal);   // names are encoded like any text

        // No answer: nothing of a respondent's id or scores, in the log or in its table's columns.
        var entries = await app.QueryAsync(db => db.AuditEntries.Where(e => e.OrganisationId == scenario.OrgId).ToListAsync());
        Assert.DoesNotContain(entries, e => $"{e.Actor} {e.Subject}".Contains("SECRET", StringComparison.Ordinal) || e.Subject.Contains("5,4,3", StringComparison.Ordinal));
        var columns = await app.QueryAsync(db => db.Database.SqlQuery<string>($"""
            SELECT column_name AS "Value" FROM information_schema.columns WHERE table_name = 'AuditEntries' ORDER BY column_name
            """).ToListAsync());
        Assert.Equal(["Action", "Actor", "At", "Id", "OrganisationId", "Subject"], columns);
    }

    [Fact]
    public async Task Only_owners_see_the_audit_log_and_only_of_their_own_organisation()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Facilitator.GetAsync($"/orgs/{scenario.OrgId}/audit")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Outsider.GetAsync($"/orgs/{scenario.OrgId}/audit")).Status);
        var other = await scenario.Outsider.GetAsync($"/orgs/{scenario.OtherOrgId}/audit");
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.DoesNotContain("Medical wards", other.Text, StringComparison.Ordinal);
        Assert.Contains("Another hospital", other.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"token\">(rc_[^<]+)<")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("""<tr data-action="([^"]+)">(.*?)</tr>""", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
