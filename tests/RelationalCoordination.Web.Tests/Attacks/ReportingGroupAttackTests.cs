using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// Reporting groups as an attacker would use them: a facilitator who regroups a survey after its
/// results were published would get a second cut of the same answers to difference against the
/// first (a member's answers = the old group's total − the new group's); a group named as a formula
/// or as markup hopes to run in Excel or in a colleague's browser.
/// </summary>
public sealed class ReportingGroupAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    private static string Responses()
    {
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        foreach (var (role, count, score) in new[] { ("Nurses", 5, 3), ("Pharmacists", 1, 1), ("Porters", 4, 5) })
        {
            for (var i = 0; i < count; i++)
            {
                foreach (var target in new[] { "Nurses", "Pharmacists", "Porters" })
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{role[..3]}{i},{role},{target},{string.Join(',', Enumerable.Repeat(score, 7))}\n");
                }
            }
        }

        return csv.ToString();
    }

    private async Task<(Guid Id, Dictionary<string, Guid> Roles)> OpenAsync(string title)
    {
        var id = await scenario.OpenSurveyAsync(title, ("Nurses", true, true), ("Pharmacists", true, true), ("Porters", true, true));
        Assert.Equal(HttpStatusCode.OK, (await scenario.ImportAsync(id, Responses())).Status);
        return (id, await Respondent.RolesAsync(app, id));
    }

    private Task<AppClient.Page> CombineAsync(Guid id, string name, params Guid[] roles) =>
        scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/close?handler=Combine",
            [KeyValuePair.Create("Group.Name", name), .. roles.Select(r => KeyValuePair.Create("Group.Roles", r.ToString()))], $"{Org}/surveys/{id}/close");

    [Fact]
    public async Task A_survey_closed_by_its_date_cannot_be_regrouped_to_publish_a_second_cut_of_the_same_answers()
    {
        var (id, roles) = await OpenAsync("Regroup after the date");
        Assert.Equal(HttpStatusCode.Redirect, (await CombineAsync(id, "Pharmacists and porters", roles["Pharmacists"], roles["Porters"])).Status);
        // Its last day passed: still "open" in the table until housekeeping runs, but closed for every purpose.
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        using var api = await scenario.ApiClientAsync("Regroup");
        var published = await api.GetStringAsync($"/api/v1/surveys/{id}/results/ties");
        var groupId = await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ReportingGroups.Single().Id).SingleAsync());

        var split = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/close?handler=Split", [KeyValuePair.Create("group", groupId.ToString())], $"{Org}/surveys/{id}/close");
        var regroup = await CombineAsync(id, "Nurses and pharmacists", roles["Nurses"], roles["Pharmacists"]);

        Assert.Equal(HttpStatusCode.Conflict, split.Status);
        Assert.Equal(HttpStatusCode.Conflict, regroup.Status);
        Assert.Equal(published, await api.GetStringAsync($"/api/v1/surveys/{id}/results/ties"));
        Assert.Equal(groupId, await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ReportingGroups.Single().Id).SingleAsync()));
    }

    [Fact]
    public async Task A_group_named_as_a_formula_or_as_markup_reaches_files_and_pages_as_text()
    {
        const string name = "=HYPERLINK(\"http://x\",\"y\") <img src=x onerror=alert(1)>";
        var (id, roles) = await OpenAsync("Group name attack");
        Assert.Equal(HttpStatusCode.Redirect, (await CombineAsync(id, name, roles["Pharmacists"], roles["Porters"])).Status);
        await scenario.CloseSurveyAsync(id);

        var heatmap = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/heatmap");
        Assert.DoesNotContain("<img src=x", heatmap.Html, StringComparison.Ordinal);
        Assert.Contains(name, heatmap.Text, StringComparison.Ordinal);

        using var response = await scenario.Viewer.Http.GetAsync($"{Org}/surveys/{id}/results/export/results.zip");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        foreach (var entry in new[] { "ties.csv", "roles.csv" })
        {
            using var reader = new StreamReader(zip.Entries.Single(e => e.Name == entry).Open());
            var lines = reader.ReadToEnd().Split('\n');
            var cells = lines.SelectMany(l => l.Split(',')).Select(c => c.Trim('"')).ToList();
            Assert.DoesNotContain(cells, c => c.StartsWith("=HYPERLINK", StringComparison.Ordinal));
            Assert.Contains(cells, c => c.StartsWith("'=HYPERLINK", StringComparison.Ordinal));
        }
    }
}
