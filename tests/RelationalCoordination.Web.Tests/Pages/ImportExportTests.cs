using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

public sealed class ImportExportTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private const string Header = "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect";

    internal static readonly string[] HospitalRoles =
        ["Case managers", "Nurse aides", "Nurses", "Pharmacists", "Physical therapists", "Physicians", "Residents", "Social workers"];

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task The_reference_data_imports_and_exports_again_with_every_answer_of_roles_of_at_least_k()
    {
        var id = await OpenSurveyAsync("Hospital import", HospitalRoles);
        var original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave1.csv"));

        var imported = await UploadAsync(id, original);
        await scenario.CloseSurveyAsync(id);
        using var export = await scenario.Owner.Http.GetAsync($"{Org}/surveys/{id}/export/responses.csv");
        var exported = await export.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Contains("Imported 120 responses (876 rows).", imported.Text, StringComparison.Ordinal);
        Assert.Equal(120, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        // Every respondent's answers come back but those of the roles below k = 5 (Case managers 1,
        // Nurse aides 1, Nurses 3); only the respondent ids differ.
        string[] small = ["Case managers", "Nurse aides", "Nurses"];
        Assert.Equal(Answers(original).Where(a => !small.Any(role => a.StartsWith($"{role}: ", StringComparison.Ordinal))), Answers(exported));
        Assert.Equal("5", export.Headers.GetValues("X-Respondents-Left-Out").Single());
        Assert.Contains("leaves out 5 respondents of roles with fewer than 5", (await scenario.Owner.GetAsync($"{Org}/surveys/{id}")).Text, StringComparison.Ordinal);
        var originalIds = ResponsesCsv.Parse(original).Respondents.Select(r => r.Id).ToHashSet();
        Assert.DoesNotContain(ResponsesCsv.Parse(exported).Respondents, r => originalIds.Contains(r.Id));
    }

    [Fact]
    public async Task Response_rates_show_facilitators_every_count_and_viewers_none_below_the_minimum_group_size()
    {
        var id = await OpenSurveyAsync("Rates", HospitalRoles);
        await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id && r.Name == "Nurses").ExecuteUpdateAsync(r => r.SetProperty(x => x.ExpectedHeadcount, 6)));
        await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id && r.Name == "Pharmacists").ExecuteUpdateAsync(r => r.SetProperty(x => x.ExpectedHeadcount, 40)));
        await UploadAsync(id, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave1.csv")));

        var facilitator = RatesTable((await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}")).Html);
        var viewerPage = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}");
        var viewer = RatesTable(viewerPage.Html);
        // Nor any total elsewhere: with the other roles' counts it would give the small roles' away.
        Assert.DoesNotContain("120 responses", viewerPage.Text, StringComparison.Ordinal);
        Assert.Contains("120 responses", (await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>120</td>", (await scenario.Viewer.GetAsync(Org)).Html, StringComparison.Ordinal);
        Assert.Contains("<td>120</td>", (await scenario.Facilitator.GetAsync(Org)).Html, StringComparison.Ordinal);

        Assert.Contains("Nurses | 3 | 0 | 6 | 50%", facilitator);
        Assert.Contains("Pharmacists | 31 | 0 | 40 | 78%", facilitator);
        Assert.Contains("Case managers | 1 | 0 | — | no headcount", facilitator);
        Assert.Contains("All roles | 120 | 0 | — | no headcount", facilitator);
        Assert.Contains("Nurses | fewer than 5 | 0 | 6 | —", viewer);
        Assert.Contains("Case managers | fewer than 5 | 0 | — | —", viewer);
        Assert.Contains("Pharmacists | 31 | 0 | 40 | 78%", viewer);
        Assert.Contains("All roles | — | 0 | — | —", viewer);   // no total to subtract the hidden counts from
    }

    /// <summary>The response-rate table of a survey page, one "cell | cell" line per row.</summary>
    internal static List<string> RatesTable(string html)
    {
        var table = System.Text.RegularExpressions.Regex.Match(html, "<table id=\"response-rate\">(.*?)</table>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        return [.. System.Text.RegularExpressions.Regex.Matches(table, "<tr>(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(row => string.Join(" | ", System.Text.RegularExpressions.Regex.Matches(row.Groups[1].Value, "<t[dh]>(.*?)</t[dh]>").Select(c => WebUtility.HtmlDecode(c.Groups[1].Value))))];
    }

    [Fact]
    public async Task A_bad_file_lists_every_problem_with_line_and_field_and_stores_nothing()
    {
        var id = await OpenSurveyAsync("Bad import", "Nurses", "Physicians");
        var text = string.Join('\n',
            Header,
            "r1,Nurses,Physicians,4,4,4,4,4,4,4",
            "r2,Nurses,Physicians,4,7,4,4,4,4,4",
            "r3,Porters,Physicians,4,4,4,4,4,4,4",
            "r4,Nurses,Physicians,4,4,4,x,4,4,4",
            "r1,Nurses,Physicians,3,3,3,3,3,3,3",
            "r5,Nurses,Patients,4,4,4,4,4,4,4",
            "r6,Nurses,Physicians,4,4,4",
            "");

        var page = await UploadAsync(id, text);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        foreach (var problem in new[]
        {
            "line 3, field 'timely': score 7 is outside 1–5",
            "line 4, field 'role': 'Porters' is not a role of this survey",
            "line 5, field 'problem_solving': \"x\" is not a whole number",
            "line 6, field 'target_role': respondent 'r1' already rated target role 'Physicians' on line 2",
            "line 7, field 'target_role': 'Patients' is not a role of this survey",
            "line 8, field 'problem_solving': expected 10 fields as in the header, found 6",
        })
        {
            Assert.Contains(problem, page.Text, StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_or_has_no_header_is_refused_with_its_reason()
    {
        var id = await OpenSurveyAsync("Encodings", "Nurses", "Læger");

        var latin1 = await UploadAsync(id, $"{Header}\nr1,Nurses,Læger,4,4,4,4,4,4,4\n", System.Text.Encoding.Latin1);
        var noHeader = await UploadAsync(id, "r1,Nurses,Læger,4,4,4,4,4,4,4\n");

        Assert.Contains("line 2, field 'target_role': the text is not valid UTF-8", latin1.Text, StringComparison.Ordinal);
        Assert.Contains("line 1, field 'respondent_id': the header has no column 'respondent_id'", noHeader.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task Roles_must_answer_to_answer_and_be_rated_to_be_rated()
    {
        var id = await OpenSurveyAsync("Directions", ("Nurses", true, true), ("Patients", false, true), ("Leaders", true, false));

        var page = await UploadAsync(id, $"{Header}\nr1,Patients,Nurses,4,4,4,4,4,4,4\nr2,Nurses,Leaders,4,4,4,4,4,4,4\n");

        Assert.Contains("line 2, field 'role': 'Patients' does not answer this survey", page.Text, StringComparison.Ordinal);
        Assert.Contains("line 3, field 'target_role': 'Leaders' is not rated in this survey", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_survey_takes_no_import()
    {
        var id = await scenario.CreateSurveyAsync(scenario.Facilitator, "Still a draft", ("Nurses", true, true));

        var page = await UploadAsync(id, $"{Header}\nr1,Nurses,Nurses,4,4,4,4,4,4,4\n");

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("Open the survey before importing", page.Text, StringComparison.Ordinal);
    }

    private Task<Guid> OpenSurveyAsync(string title, params string[] roles) =>
        OpenSurveyAsync(title, [.. roles.Select(r => (r, true, true))]);

    private Task<Guid> OpenSurveyAsync(string title, params (string Name, bool Answers, bool Rated)[] roles) =>
        scenario.OpenSurveyAsync(title, roles);

    private Task<AppClient.Page> UploadAsync(Guid id, string csv, System.Text.Encoding? encoding = null) =>
        scenario.ImportAsync(id, csv, encoding);

    /// <summary>Each respondent's role and sorted observations, respondents sorted: a file's content without its ids and order.</summary>
    private static List<string> Answers(string csv) =>
        [.. ResponsesCsv.Parse(csv).Respondents
            .Select(r => $"{r.Role}: {string.Join(" | ", r.Observations.Select(o => $"{o.TargetRole}={o.Scores}").Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal)];
}
