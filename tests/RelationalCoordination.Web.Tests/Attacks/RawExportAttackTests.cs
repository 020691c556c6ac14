using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// The raw export (issue 15): <c>export/responses.csv</c> carried the role on every row and was
/// open to facilitators at any time, so a role with one respondent was that person's full answers.
/// Now it is for owners, for closed surveys, without the respondents of roles below k, in random
/// order with fresh ids, and every download is in the audit log. And the welcome page says what
/// organisers can and cannot see, in English and Danish.
/// </summary>
public sealed class RawExportAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task The_raw_export_holds_no_respondent_of_a_group_below_k_and_only_owners_get_it_once_closed()
    {
        using var api = await scenario.ApiClientAsync("Raw export");
        var csv = AttackSurveys.Responses(pharmacist: 1);
        var id = await scenario.OpenSurveyAsync("Raw export", ("Nurses", true, true), ("Physicians", true, true), ("Pharmacists", true, true));
        Assert.Equal(HttpStatusCode.OK, (await scenario.ImportAsync(id, csv)).Status);
        var export = $"/orgs/{scenario.OrgId}/surveys/{id}/export/responses.csv";

        var open = await scenario.Owner.GetAsync(export);
        await scenario.CloseSurveyAsync(id);
        var facilitator = await scenario.Facilitator.GetAsync(export);
        var viewer = await scenario.Viewer.GetAsync(export);
        using var first = await scenario.Owner.Http.GetAsync(export);
        var one = await first.Content.ReadAsStringAsync();
        (await scenario.Owner.Http.GetAsync(export)).Dispose();   // a second download, audited again

        Assert.Equal(HttpStatusCode.Conflict, open.Status);
        Assert.Contains("once the survey is closed", open.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, facilitator.Status);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.Status);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // The lone pharmacist (k = 5 by default here) is not in the file, nor are the groups of 3.
        var rows = ResponsesCsv.Parse(one);
        Assert.Empty(rows.Respondents);
        Assert.Equal("7", first.Headers.GetValues("X-Respondents-Left-Out").Single());

        // At k = 3 the nurses and physicians are reportable and in the file; the pharmacist is not.
        var small = await SurveyAtThreeAsync(api, csv);
        using var three = await scenario.Owner.Http.GetAsync($"/orgs/{scenario.OrgId}/surveys/{small}/export/responses.csv");
        var kept = ResponsesCsv.Parse(await three.Content.ReadAsStringAsync()).Respondents.ToList();
        Assert.Equal(6, kept.Count);
        Assert.DoesNotContain(kept, r => r.Role == "Pharmacists");
        Assert.Equal("1", three.Headers.GetValues("X-Respondents-Left-Out").Single());
        Assert.All(kept, r => Assert.Matches("^X-0000[0-9]{2}$", r.Id));
        Assert.Contains("leaves out 1 respondent of roles with fewer than 3", (await scenario.Owner.GetAsync($"/orgs/{scenario.OrgId}/surveys/{small}")).Text, StringComparison.Ordinal);

        // Every download is audit-logged, with what it left out.
        var audited = await app.QueryAsync(db => db.AuditEntries.Where(e => e.OrganisationId == scenario.OrgId && e.Action == AuditActions.ResponsesExported).Select(e => e.Subject).ToListAsync());
        Assert.Contains(audited, s => s.Contains("6 responses, 1 left out", StringComparison.Ordinal));
        Assert.Equal(2, audited.Count(s => s.Contains("0 responses, 7 left out", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Respondents_rows_come_in_a_new_random_order_with_new_ids_on_every_download()
    {
        using var api = await scenario.ApiClientAsync("Shuffled");
        var id = await SurveyAtThreeAsync(api, AttackSurveys.Responses(pharmacist: 1, pharmacists: 40));
        var export = $"/orgs/{scenario.OrgId}/surveys/{id}/export/responses.csv";

        var orders = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            var rows = ResponsesCsv.Parse(await scenario.Owner.Http.GetStringAsync(export)).Respondents.ToList();
            Assert.Equal(46, rows.Count);
            orders.Add(string.Join(",", rows.Select(r => r.Role[0])));
        }

        // Three identical orders of 40 pharmacists among 6 others by chance: about 1 in 10^13.
        Assert.True(orders.Count > 1, "every download listed the respondents in the same order");
    }

    [Theory]
    [InlineData("en", "nobody, not even the survey's organisers, can see who gave which answer", "whether it was used — that is, whether you took part, never what you answered", "only when the survey has closed, and only for groups of at least 5 people")]
    [InlineData("da", "ingen, heller ikke undersøgelsens arrangører, kan se, hvem der har givet hvilket svar", "om den er brugt – altså om du har deltaget, aldrig hvad du har svaret", "først, når undersøgelsen er lukket, og kun for grupper på mindst 5 personer")]
    public async Task The_welcome_page_tells_respondents_what_organisers_can_and_cannot_see(string language, string cannot, string codes, string when)
    {
        var id = await scenario.OpenSurveyAsync($"Welcome {language}", ("Nurses", true, true), ("Physicians", true, true));
        var key = await Respondent.KeyOfAsync(app, id);

        var page = await scenario.Anonymous.GetAsync($"/s/{key}?lang={language}");

        Assert.Contains(cannot, page.Text, StringComparison.Ordinal);
        Assert.Contains(codes, page.Text, StringComparison.Ordinal);
        Assert.Contains(when, page.Text, StringComparison.Ordinal);
    }

    private static Task<Guid> SurveyAtThreeAsync(HttpClient api, string csv) =>
        AttackSurveys.ClosedSurveyAsync(api, "Raw export at k = 3", csv, previous: null);
}
