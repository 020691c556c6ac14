using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using Npgsql;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// A facilitator makes an API token, then leaves the organisation (or is made a viewer) and keeps
/// using the token: to change surveys, import or submit answers, and read results.
/// </summary>
public sealed partial class RemovedMemberTokenAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private const string NurseRatesPhysicians = """{"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":4,"timely":4,"accurate":4,"problemSolving":4,"sharedGoals":4,"sharedKnowledge":4,"mutualRespect":4}]}""";

    private const string ImportCsv = "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\nR1,Nurses,Physicians,4,4,4,4,4,4,4\n";

    [Theory]
    [InlineData("removed")]
    [InlineData("made a viewer")]
    public async Task A_token_of_a_facilitator_who_left_or_became_a_viewer_can_no_longer_create_open_close_import_submit_or_read(string change)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (leaver, leaverId, api) = await FacilitatorWithTokenAsync($"leaver-{tag}");
        using var _ = leaver;
        using var __ = api;
        var open = await scenario.OpenSurveyAsync($"Open for the leaver {tag}", ("Nurses", true, true), ("Physicians", true, true));
        var draft = await scenario.CreateSurveyAsync(scenario.Facilitator, $"Draft for the leaver {tag}", ("Nurses", true, true), ("Physicians", true, true));
        // While a facilitator, the token works.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/surveys")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(open, NurseRatesPhysicians, "while-member"));
        var stored = await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == open));

        var members = $"/orgs/{scenario.OrgId}/members";
        var changed = change == "removed"
            ? await scenario.Owner.PostAsync($"{members}?handler=Remove&userId={leaverId}", [], members)
            : await scenario.Owner.PostAsync($"{members}?handler=Role&userId={leaverId}&role=Viewer", [], members);
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        var before = await scenario.FingerprintAsync();

        // At once, every endpoint: the submit's kept token included (it was kept a moment ago).
        using var csv = new StringContent(ImportCsv, Encoding.UTF8, "text/csv");
        var attempts = new Dictionary<string, HttpResponseMessage>
        {
            ["submit"] = await PostAsync(api, $"/api/v1/surveys/{open}/responses", new StringContent(NurseRatesPhysicians, Encoding.UTF8, "application/json"), "after-leaving"),
            ["list"] = await api.GetAsync("/api/v1/surveys"),
            ["create"] = await api.PostAsJsonAsync("/api/v1/surveys", new { title = "Made by a leaver", workProcess = "leaving", minimumGroupSize = 3, roles = new[] { new { name = "Nurses" } } }),
            ["open"] = await api.PostAsync($"/api/v1/surveys/{draft}/open", null),
            ["import"] = await api.PostAsync($"/api/v1/surveys/{draft}/responses/import", csv),
            ["close"] = await api.PostAsync($"/api/v1/surveys/{open}/close", null),
            ["ties"] = await api.GetAsync($"/api/v1/surveys/{open}/results/ties"),
            ["summary"] = await api.GetAsync($"/api/v1/surveys/{open}/results/summary"),
        };

        Assert.All(attempts, a => Assert.True(a.Value.StatusCode == HttpStatusCode.Unauthorized, $"{a.Key}: {(int)a.Value.StatusCode}"));
        Assert.Equal(stored, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == open)));
        Assert.Equal(before, await scenario.FingerprintAsync());
    }

    [Fact]
    public async Task A_kept_token_whose_creator_is_removed_behind_the_app_s_back_stores_nothing_and_gets_401()
    {
        // Removed on another instance, or by SQL: this instance has the token in memory (decision
        // 10), so only the submit's own SQL can refuse it.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (leaver, leaverId, api) = await FacilitatorWithTokenAsync($"kept-{tag}");
        using var _ = leaver;
        using var __ = api;
        var open = await scenario.OpenSurveyAsync($"Kept token {tag}", ("Nurses", true, true), ("Physicians", true, true));
        Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(open, NurseRatesPhysicians, "before"));

        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var remove = new NpgsqlCommand("""DELETE FROM "Memberships" WHERE "UserId" = $1 AND "OrganisationId" = $2""", connection)
            {
                Parameters = { new() { Value = leaverId }, new() { Value = scenario.OrgId } },
            };
            Assert.Equal(1, await remove.ExecuteNonQueryAsync());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await api.PostResponseAsync(open, NurseRatesPhysicians, "after"));
        Assert.Equal(HttpStatusCode.Unauthorized, await api.PostResponseAsync(open, NurseRatesPhysicians, ""));
        Assert.Equal(1, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == open)));
        Assert.Equal(1, await app.QueryAsync(db => db.IdempotentRequests.CountAsync(r => r.SurveyId == open)));
    }

    [Fact]
    public async Task A_token_of_a_facilitator_made_owner_keeps_working()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (promoted, promotedId, api) = await FacilitatorWithTokenAsync($"promoted-{tag}");
        using var _ = promoted;
        using var __ = api;
        var members = $"/orgs/{scenario.OrgId}/members";
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.Owner.PostAsync($"{members}?handler=Role&userId={promotedId}&role=Owner", [], members)).Status);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/surveys")).StatusCode);
    }

    /// <summary>A new facilitator of the organisation with an API token they made on the tokens page.</summary>
    private async Task<(AppClient Member, Guid UserId, HttpClient Api)> FacilitatorWithTokenAsync(string name)
    {
        var email = $"{name}@example.org";
        var member = await scenario.MemberAsync(email, OrgRole.Facilitator);
        var userId = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var tokens = $"/orgs/{scenario.OrgId}/tokens";
        var page = await member.PostAsync($"{tokens}?handler=Create", [KeyValuePair.Create("name", name)], tokens);
        var token = TokenPattern().Match(page.Html).Groups[1].Value;
        Assert.StartsWith("rc_", token, StringComparison.Ordinal);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (member, userId, api);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, string url, HttpContent content, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(request);
    }

    [GeneratedRegex("id=\"token\">(rc_[^<]+)<")]
    private static partial Regex TokenPattern();
}
