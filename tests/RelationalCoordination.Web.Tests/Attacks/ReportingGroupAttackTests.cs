using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

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

    /// <summary>The response-rate table's rows: role and submitted count.</summary>
    private static List<(string Role, string Submitted)> RateRows(string html)
    {
        var table = System.Text.RegularExpressions.Regex.Match(html, @"<table[^>]*id=""response-rate""[^>]*>.*?</table>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        return [.. System.Text.RegularExpressions.Regex.Matches(table, @"<tr><t[hd]>([^<]*)</t[hd]><t[hd]>([^<]*)</t[hd]>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value).Trim(), m.Groups[2].Value.Trim()))
            .Where(r => r.Item1 is not ("All roles" or "Answering role"))];
    }

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

    [Fact]
    public async Task A_survey_past_its_closing_date_cannot_be_regrouped_before_or_after_its_results_are_published()
    {
        var (id, roles) = await OpenAsync("Regroup after the date");
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.CombineRolesAsync(id, "Pharmacists and porters", roles["Pharmacists"], roles["Porters"])).Status);
        var groupId = await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ReportingGroups.Single().Id).SingleAsync());
        // Its last day passed: still "open" in the table until housekeeping or a first read publishes it, but closed for every purpose.
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Equal(Data.SurveyStatus.Open, await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));

        // Before anything is published, and after: both refused, the grouping the one the results use.
        foreach (var publishedYet in new[] { false, true })
        {
            var split = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/close?handler=Split", [KeyValuePair.Create("group", groupId.ToString())], $"{Org}/surveys/{id}/close");
            var regroup = await scenario.CombineRolesAsync(id, "Nurses and pharmacists", roles["Nurses"], roles["Pharmacists"]);
            Assert.True(split.Status == HttpStatusCode.Conflict, $"split, published yet: {publishedYet}");
            Assert.True(regroup.Status == HttpStatusCode.Conflict, $"regroup, published yet: {publishedYet}");
            Assert.Equal(groupId, await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ReportingGroups.Single().Id).SingleAsync()));
            var raw = await scenario.Owner.Http.GetStringAsync($"{Org}/surveys/{id}/export/responses.csv");
            Assert.Equal(15, raw.Split('\n').Count(l => l.Contains(",Pharmacists and porters,", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Results_published_from_a_survey_read_before_its_group_was_made_still_use_the_group()
    {
        // The race: a page read the survey, a colleague made a group, the closing date passed, and
        // the page's first look published the results from what it had read.
        var (id, roles) = await OpenAsync("Stale read");
        var stale = (await app.QueryAsync(db => db.FindAsync(scenario.OrgId, id)))!;
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.CombineRolesAsync(id, "Pharmacists and porters", roles["Pharmacists"], roles["Porters"])).Status);
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        stale.ClosesAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        Assert.Empty(stale.ReportingGroups);

        await using var scope = app.Services.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<SurveyResults>().PublishAsync(stale);

        Assert.Contains(published.Ties, t => t.FromRole == "Pharmacists and porters" && t.N == 5);
        Assert.DoesNotContain(published.Ties, t => t.FromRole is "Pharmacists" or "Porters" && t.N is not null);
    }

    [Fact]
    public async Task A_viewer_sees_a_reporting_group_as_one_response_count_so_no_member_count_is_given_away()
    {
        var (id, roles) = await OpenAsync("Counts by group");
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.CombineRolesAsync(id, "Pharmacists and porters", roles["Pharmacists"], roles["Porters"])).Status);

        var viewer = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}");
        var facilitator = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}");

        // Porters 4 beside a group of 5 would say the lone pharmacist is one.
        var viewerRows = RateRows(viewer.Html);
        Assert.Equal(["Nurses", "Pharmacists and porters"], viewerRows.Select(r => r.Role));
        Assert.Equal("5", viewerRows[1].Submitted);
        Assert.Equal(["Nurses", "Pharmacists", "Porters"], RateRows(facilitator.Html).Select(r => r.Role));
    }

    [Fact]
    public async Task A_group_named_as_a_formula_or_as_markup_reaches_files_and_pages_as_text()
    {
        const string name = "=HYPERLINK(\"http://x\",\"y\") <img src=x onerror=alert(1)>";
        var (id, roles) = await OpenAsync("Group name attack");
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.CombineRolesAsync(id, name, roles["Pharmacists"], roles["Porters"])).Status);
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
