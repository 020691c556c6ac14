using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>
/// Reporting groups (issue 17, decision 0020): small answering roles combined on the close page are
/// reported as one role, computed once when the survey closes; the grouping cannot change after.
/// </summary>
public sealed partial class ReportingGroupTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    /// <summary>
    /// Five nurses; two pharmacists who answer 2 to every item about every role; three pharmacy
    /// technicians who answer 4. At k = 5 neither small role is reportable alone; together they are
    /// five, and their tie to the nurses is (2·2 + 3·4) / 5 = 3.2.
    /// </summary>
    private static string Responses()
    {
        string[] targets = ["Nurses", "Pharmacists", "Pharmacy technicians"];
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        void Add(string id, string role, int score)
        {
            foreach (var target in targets)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{id},{role},{target},{string.Join(',', Enumerable.Repeat(score, 7))}\n");
            }
        }

        for (var i = 0; i < 5; i++)
        {
            Add($"N{i}", "Nurses", 1 + (i % 5));
        }

        Add("P0", "Pharmacists", 2);
        Add("P1", "Pharmacists", 2);
        for (var i = 0; i < 3; i++)
        {
            Add($"T{i}", "Pharmacy technicians", 4);
        }

        return csv.ToString();
    }

    private async Task<(Guid Id, Dictionary<string, Guid> Roles)> OpenSurveyWithAnswersAsync(string title)
    {
        var id = await scenario.OpenSurveyAsync(title, ("Nurses", true, true), ("Pharmacists", true, true), ("Pharmacy technicians", true, true));
        var imported = await scenario.ImportAsync(id, Responses());
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        return (id, await Respondent.RolesAsync(app, id));
    }

    [Fact]
    public async Task Small_roles_combined_before_closing_are_reported_as_one_role_and_each_is_still_rated()
    {
        var (id, roles) = await OpenSurveyWithAnswersAsync("Pharmacy together");
        var close = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/close");
        Assert.Contains("Pharmacists: 2", Squash(close.Text), StringComparison.Ordinal);
        Assert.Contains("Pharmacy technicians: 3", Squash(close.Text), StringComparison.Ordinal);

        var combined = await scenario.CombineRolesAsync(id, "  Pharmacists and pharmacy technicians ", roles["Pharmacists"], roles["Pharmacy technicians"]);
        Assert.Equal(HttpStatusCode.Redirect, combined.Status);
        Assert.Equal($"{Org}/surveys/{id}/close#groups", combined.Location);
        close = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/close");
        Assert.Contains("Pharmacists and pharmacy technicians : Pharmacists; Pharmacy technicians — 5 responses", Squash(close.Text), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"below-k\"", close.Html, StringComparison.Ordinal);
        Assert.Contains("reporting group “Pharmacists and pharmacy technicians” of “Pharmacists”, “Pharmacy technicians”",
            (await scenario.Owner.GetAsync($"{Org}/audit")).Text, StringComparison.Ordinal);

        await scenario.CloseSurveyAsync(id);

        using var api = await scenario.ApiClientAsync("Groups");
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}");
        var reported = Assert.Single(detail.GetProperty("reportingGroups").EnumerateArray());
        Assert.Equal("Pharmacists and pharmacy technicians", reported.GetProperty("name").GetString());
        Assert.Equal(["Pharmacists", "Pharmacy technicians"], reported.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var ties = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/ties")).EnumerateArray().ToList();
        JsonElement Tie(string from, string to) => ties.Single(t => t.GetProperty("fromRole").GetString() == from && t.GetProperty("toRole").GetString() == to);
        var group = Tie("Pharmacists and pharmacy technicians", "Nurses");
        Assert.False(group.GetProperty("suppressed").GetBoolean());
        Assert.Equal(5, group.GetProperty("n").GetInt32());
        Assert.Equal(((2 * 2.0) + (3 * 4.0)) / 5, group.GetProperty("strength").GetDouble(), 1e-12);
        // The members are still rated one by one, and no longer rate on their own.
        Assert.Equal(3.2, Tie("Pharmacists and pharmacy technicians", "Pharmacy technicians").GetProperty("strength").GetDouble(), 1e-12);
        Assert.DoesNotContain(ties, t => t.GetProperty("fromRole").GetString() is "Pharmacists" or "Pharmacy technicians" && t.GetProperty("n").ValueKind != JsonValueKind.Null);

        // The heatmap: a row for the group, none for its members; a column for each member, none for the group.
        var heatmap = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/results/heatmap");
        var rows = RowHeaders().Matches(heatmap.Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
        Assert.Contains("Pharmacists and pharmacy technicians", rows);
        Assert.DoesNotContain("Pharmacists", rows);
        var groupId = await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ReportingGroups.Single().Id).SingleAsync());
        Assert.Contains($"/results/roles/{groupId}\">Pharmacists and pharmacy technicians</a>", heatmap.Html, StringComparison.Ordinal);
        var tie = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/results/tie?from={groupId:N}&to={roles["Nurses"]:N}");
        Assert.Equal(HttpStatusCode.OK, tie.Status);
        Assert.Contains("3.20", tie.Text, StringComparison.Ordinal);

        // The group has a role page of its own; a member's page says where its respondents' answers went.
        var groupPage = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/results/roles/{groupId}");
        Assert.Contains("id=\"respondents\">5<", groupPage.Html, StringComparison.Ordinal);
        var member = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/results/roles/{roles["Pharmacists"]}");
        Assert.Contains("reported with the group “Pharmacists and pharmacy technicians”", member.Text, StringComparison.Ordinal);
        Assert.Contains($"/results/roles/{groupId}\">", member.Html, StringComparison.Ordinal);

        // The raw export reports the group too: its five respondents are in, under its name, and the
        // survey page does not warn that they are left out.
        var details = await scenario.Owner.GetAsync($"{Org}/surveys/{id}");
        Assert.Contains("id=\"raw-export\"", details.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("leaves out", details.Text, StringComparison.Ordinal);
        using var raw = await scenario.Owner.Http.GetAsync($"{Org}/surveys/{id}/export/responses.csv");
        var lines = (await raw.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(15, lines.Count(l => l.Split(',')[1] == "Pharmacists and pharmacy technicians"));
        Assert.DoesNotContain(lines, l => l.Split(',')[1] is "Pharmacists" or "Pharmacy technicians");
    }

    [Fact]
    public async Task The_grouping_is_fixed_when_the_survey_closes()
    {
        var (id, roles) = await OpenSurveyWithAnswersAsync("Fixed grouping");
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.CombineRolesAsync(id, "Pharmacy", roles["Pharmacists"], roles["Pharmacy technicians"])).Status);
        await scenario.CloseSurveyAsync(id);
        var groupId = await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ReportingGroups.Single().Id).SingleAsync());
        using var api = await scenario.ApiClientAsync("Fixed");
        var results = await api.GetStringAsync($"/api/v1/surveys/{id}/results/ties");
        var before = await scenario.FingerprintAsync();

        var split = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/close?handler=Split", [KeyValuePair.Create("group", groupId.ToString())], $"{Org}/surveys/{id}/close");
        var again = await scenario.CombineRolesAsync(id, "Nurses and pharmacists", roles["Nurses"], roles["Pharmacists"]);

        Assert.Equal(HttpStatusCode.Conflict, split.Status);
        Assert.Contains("only while the survey is open", split.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(before, await scenario.FingerprintAsync());
        Assert.Equal(results, await api.GetStringAsync($"/api/v1/surveys/{id}/results/ties"));
    }

    public static TheoryData<string, string, string> BadGroups => new()
    {
        // name, which roles, message
        { "", "Pharmacists,Pharmacy technicians", "Give the group a name" },
        { "pharmacists", "Pharmacists,Pharmacy technicians", "A role or group is already called “Pharmacists”" },
        { new string('x', 101), "Pharmacists,Pharmacy technicians", "A group name can have at most 100 characters." },
        { "Pharmacy", "Pharmacists", "Choose at least two answering roles to combine." },
        { "Pharmacy", "Pharmacists,Patients", "Only this survey's answering roles can be combined." },
        { "Pharmacy", "Pharmacists,unknown", "Only this survey's answering roles can be combined." },
    };

    [Theory]
    [MemberData(nameof(BadGroups))]
    public async Task A_bad_group_is_refused_naming_the_field_and_nothing_is_stored(string name, string which, string message)
    {
        var id = await scenario.OpenSurveyAsync($"Bad group {Guid.NewGuid():N}", ("Nurses", true, true), ("Pharmacists", true, true), ("Pharmacy technicians", true, true), ("Patients", false, true));
        var roles = await Respondent.RolesAsync(app, id);
        var before = await scenario.FingerprintAsync();

        var page = await scenario.CombineRolesAsync(id, name, [.. which.Split(',').Select(r => roles.TryGetValue(r, out var role) ? role : Guid.NewGuid())]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.FingerprintAsync());
    }

    [Fact]
    public async Task A_role_is_in_one_group_at_most_and_a_split_group_reports_its_roles_alone_again()
    {
        var (id, roles) = await OpenSurveyWithAnswersAsync("Split again");
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.CombineRolesAsync(id, "Pharmacy", roles["Pharmacists"], roles["Pharmacy technicians"])).Status);

        var groupId = await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ReportingGroups.Single().Id).SingleAsync());
        var twice = await scenario.CombineRolesAsync(id, "Everyone", roles["Nurses"], roles["Pharmacists"]);
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Contains("“Pharmacists” is already in a group: split that group first.", twice.Text, StringComparison.Ordinal);

        var split = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/close?handler=Split", [KeyValuePair.Create("group", groupId.ToString())], $"{Org}/surveys/{id}/close");
        Assert.Equal(HttpStatusCode.Redirect, split.Status);
        await scenario.CloseSurveyAsync(id);

        using var api = await scenario.ApiClientAsync("Split");
        var ties = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/ties")).EnumerateArray().ToList();
        Assert.DoesNotContain(ties, t => t.GetProperty("fromRole").GetString() == "Pharmacy");
        Assert.All(ties.Where(t => t.GetProperty("fromRole").GetString() is "Pharmacists" or "Pharmacy technicians"), t => Assert.True(t.GetProperty("suppressed").GetBoolean()));
    }

    [Fact]
    public async Task The_groups_speak_Danish_on_the_close_page_and_on_a_members_results_page()
    {
        var id = await scenario.OpenSurveyAsync("Grupper på dansk", ("Sygeplejersker", true, true), ("Farmaceuter", true, true), ("Farmakonomer", true, true));
        var roles = await Respondent.RolesAsync(app, id);
        var danish = await scenario.MemberAsync($"gruppe-{Guid.NewGuid():N}@example.org", Data.OrgRole.Facilitator);
        var close = $"{Org}/surveys/{id}/close";
        Assert.Equal(HttpStatusCode.OK, (await danish.GetAsync($"{close}?lang=da")).Status);

        var refused = await danish.PostAsync($"{close}?handler=Combine", [KeyValuePair.Create("Group.Name", ""), KeyValuePair.Create("Group.Roles", roles["Farmaceuter"].ToString())], close);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Giv gruppen et navn", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Vælg mindst to svarende roller at slå sammen.", refused.Text, StringComparison.Ordinal);

        var made = await danish.PostAsync($"{close}?handler=Combine",
            [KeyValuePair.Create("Group.Name", "Farmaceuter og farmakonomer"), KeyValuePair.Create("Group.Roles", roles["Farmaceuter"].ToString()), KeyValuePair.Create("Group.Roles", roles["Farmakonomer"].ToString())], close);
        Assert.Equal(HttpStatusCode.Redirect, made.Status);
        var page = await danish.GetAsync(close);
        var text = PageLanguage.DanishText(page.Html);
        Assert.Contains("Rapporteringsgrupper", text, StringComparison.Ordinal);
        Assert.Contains("0 besvarelser, stadig færre end 5", text, StringComparison.Ordinal);
        Assert.Empty(PageLanguage.EnglishLeft(text));

        await scenario.CloseSurveyAsync(id);
        var member = await danish.GetAsync($"{Org}/surveys/{id}/results/roles/{roles["Farmaceuter"]}");
        Assert.Contains("vises sammen med gruppen “Farmaceuter og farmakonomer”", member.Text, StringComparison.Ordinal);
        Assert.Empty(PageLanguage.EnglishLeft(PageLanguage.DanishText(member.Html)));
    }


    [GeneratedRegex(@"<th scope=""row"" title=""([^""]*)""")]
    private static partial Regex RowHeaders();
}
