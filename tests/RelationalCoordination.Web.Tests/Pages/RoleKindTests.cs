using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.PageLanguage;
using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>
/// A role's kind — staff, client or leader: set in the role editor and the API, kept by a new wave,
/// the client wording for respondents in a client role, and the leader and client views of
/// "where to start", from reportable ties only.
/// </summary>
public sealed class RoleKindTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    private Task<List<RoleKind>> KindsAsync(Guid id) =>
        app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).Select(r => r.Kind).ToListAsync());

    private static Dictionary<string, string> Row(Guid? id, string name, int position, string? kind = null)
    {
        var row = new Dictionary<string, string> { ["Name"] = name, ["Position"] = position.ToString(CultureInfo.InvariantCulture), ["Answers"] = "true", ["IsRated"] = "true" };
        if (id is { } known)
        {
            row["Id"] = known.ToString();
        }

        if (kind is not null)
        {
            row["Kind"] = kind;
        }

        return row;
    }

    /// <summary>A draft whose roles the editor has given these kinds; returns its id and role ids by name.</summary>
    private async Task<(Guid Id, Dictionary<string, Guid> Roles)> DraftWithKindsAsync(string title, params (string Name, string Kind)[] roles)
    {
        var id = await scenario.CreateSurveyAsync(scenario.Facilitator, title, [.. roles.Select(r => (r.Name, true, true))]);
        var ids = await Respondent.RolesAsync(app, id);
        var saved = await scenario.PostRolesAsync(scenario.Facilitator, id, [.. roles.Select((r, i) => Row(ids[r.Name], r.Name, i + 1, r.Kind))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        return (id, ids);
    }

    [Fact]
    public async Task The_role_editor_saves_each_roles_kind_and_shows_it_again()
    {
        var (id, roles) = await DraftWithKindsAsync("Kinds in the editor", ("Nurses", "Staff"), ("Patients, \"in beds\" <b>", "Client"), ("Unit managers", "Leader"));

        Assert.Equal([RoleKind.Staff, RoleKind.Client, RoleKind.Leader], await KindsAsync(id));
        var page = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/roles");
        Assert.Matches("<select name=\"Roles\\[1\\].Kind\"[^>]*>\\s*<option value=\"Staff\">Staff</option>\\s*<option value=\"Client\" selected=\"selected\">Client</option>", page.Html);
        Assert.Matches("<select name=\"Roles\\[2\\].Kind\"[^>]*>(?:\\s*<option[^>]*>[^<]*</option>){2}\\s*<option value=\"Leader\" selected=\"selected\">Leader</option>", page.Html);
        // The spare row is staff, as a new role is.
        Assert.Matches("<select name=\"Roles\\[3\\].Kind\"[^>]*>\\s*<option value=\"Staff\" selected=\"selected\">", page.Html);

        // A row posted without the field (an older form) is staff.
        var saved = await scenario.PostRolesAsync(scenario.Facilitator, id,
            [Row(roles["Nurses"], "Nurses", 1, "Leader"), Row(roles["Patients, \"in beds\" <b>"], "Patients, \"in beds\" <b>", 2), Row(roles["Unit managers"], "Unit managers", 3, "Leader")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal([RoleKind.Leader, RoleKind.Staff, RoleKind.Leader], await KindsAsync(id));
    }

    [Theory]
    [InlineData("7", "Choose the role's kind: staff, client or leader.")]
    [InlineData("Manager", "Choose the role's kind: staff, client or leader.")]
    [InlineData("client", "Choose the role's kind: staff, client or leader.")]
    public async Task The_role_editor_refuses_a_kind_it_does_not_offer_and_stores_nothing(string kind, string message)
    {
        var (id, roles) = await DraftWithKindsAsync($"Unknown kind {kind}", ("Nurses", "Staff"), ("Unit managers", "Leader"));
        var before = await scenario.FingerprintAsync();

        var refused = await scenario.PostRolesAsync(scenario.Facilitator, id,
            [Row(roles["Nurses"], "Nurses renamed", 1), Row(roles["Unit managers"], "Unit managers", 2, kind)]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(refused.Text.Contains(message, StringComparison.Ordinal), Squash(refused.Text));
        Assert.Equal(before, await scenario.FingerprintAsync());
        Assert.Equal([RoleKind.Staff, RoleKind.Leader], await KindsAsync(id));
    }

    [Fact]
    public async Task The_API_takes_a_kind_gives_it_back_and_refuses_any_other_with_a_400_naming_the_field()
    {
        using var api = await scenario.ApiClientAsync("Kinds");
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title = "Kinds through the API",
            workProcess = "discharging a patient",
            roles = new object[] { new { name = "Nurses" }, new { name = "Patients", kind = "client", rated = false }, new { name = "Unit managers", kind = "leader" }, new { name = "Porters", kind = "staff" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = await api.GetFromJsonAsync<JsonElement>(created.Headers.Location!);
        Assert.Equal(["staff", "client", "leader", "staff"], detail.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));

        var surveys = await app.CountAsync<Data.Survey>();
        foreach (var bad in new[] { "Leader", "manager", "", "patient" })
        {
            var refused = await api.PostAsJsonAsync("/api/v1/surveys", new
            {
                title = "Bad kind",
                workProcess = "discharging a patient",
                roles = new object[] { new { name = "Nurses" }, new { name = "Unit managers", kind = bad } },
            });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Must be \"staff\", \"client\" or \"leader\".", problem.GetProperty("errors").GetProperty("roles[1].kind")[0].GetString());
        }

        Assert.Equal(surveys, await app.CountAsync<Data.Survey>());
    }

    [Fact]
    public async Task A_new_wave_keeps_each_roles_kind()
    {
        var (id, _) = await DraftWithKindsAsync("Kinds, wave 1", ("Nurses", "Staff"), ("Patients", "Client"), ("Unit managers", "Leader"));

        var created = await scenario.Facilitator.PostAsync($"{Org}/surveys/create?waveOf={id}",
            ("Input.Title", "Kinds, wave 2"), ("Input.WorkProcess", "discharging a patient"), ("Input.FrequencyVariant", "Frequency"), ("Input.MinGroupSize", "5"));

        var next = Guid.Parse(created.Location!.Split('/')[^2]);
        Assert.NotEqual(id, next);
        Assert.Equal([RoleKind.Staff, RoleKind.Client, RoleKind.Leader], await KindsAsync(next));
    }

    [Fact]
    public async Task A_respondent_in_a_client_role_reads_the_client_wording_and_staff_the_standard_wording()
    {
        var (id, roles) = await DraftWithKindsAsync("Client wording", ("Nurses", "Staff"), ("Patients", "Client"), ("Unit managers", "Leader"));
        // A Danish translation: respondents who choose Danish read a translated copy of the roles, which keeps their kinds.
        var translated = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/translations?lang=da",
        [
            KeyValuePair.Create("version", (await scenario.VersionAsync(id)).ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create("Input.Title", "Borgernes ord"), KeyValuePair.Create("Input.WorkProcess", "udskrivelse af en patient"),
            KeyValuePair.Create("Input.Roles[0].RoleId", roles["Patients"].ToString()), KeyValuePair.Create("Input.Roles[0].Name", "Patienter"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, translated.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/open", [])).Status);
        var key = await Respondent.KeyOfAsync(app, id);

        foreach (var (role, audience) in new[] { ("Patients", ItemAudience.Client), ("Nurses", ItemAudience.Staff), ("Unit managers", ItemAudience.Staff) })
        {
            using var respondent = new Respondent(app, key);
            await respondent.StartAsync(roles[role]);
            foreach (var language in new[] { InstrumentLanguage.English, InstrumentLanguage.Danish })
            {
                var (lang, workProcess) = language == InstrumentLanguage.Danish ? ("da", "udskrivelse af en patient") : ("en", "discharging a patient");
                for (var n = 1; n <= 7; n++)
                {
                    var page = await respondent.Client.GetAsync($"{respondent.Base}/q/{n}?lang={lang}");
                    var item = SurveyInstrument.Item((Dimension)(n - 1), FrequencyVariant.Frequency, language, audience);
                    var other = SurveyInstrument.Item((Dimension)(n - 1), FrequencyVariant.Frequency, language, audience == ItemAudience.Client ? ItemAudience.Staff : ItemAudience.Client);
                    Assert.Contains(item.WordingFor(workProcess), page.Text, StringComparison.Ordinal);
                    Assert.DoesNotContain(other.WordingFor(workProcess), page.Text, StringComparison.Ordinal);
                    var html = WebUtility.HtmlDecode(page.Html);
                    foreach (var option in item.Options)
                    {
                        Assert.Contains($"value=\"{option.Score}\" /> <span>{option.Label}</span>", html, StringComparison.Ordinal);
                    }
                }
            }

            var review = await respondent.Client.GetAsync($"{respondent.Base}/review?lang=en");
            Assert.Contains(SurveyInstrument.Item(Dimension.MutualRespect, FrequencyVariant.Frequency, InstrumentLanguage.English, audience).WordingFor("discharging a patient"), review.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_preview_offers_the_client_wording_when_a_client_role_answers()
    {
        var (id, _) = await DraftWithKindsAsync("Client preview", ("Nurses", "Staff"), ("Patients", "Client"));
        var client = SurveyInstrument.Items(FrequencyVariant.Frequency, InstrumentLanguage.English, ItemAudience.Client);
        var staff = SurveyInstrument.Items(FrequencyVariant.Frequency, InstrumentLanguage.English);

        var standard = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/preview?lang=en");
        Assert.Contains("As clients read it", standard.Text, StringComparison.Ordinal);
        Assert.All(staff, i => Assert.Contains(i.WordingFor("discharging a patient"), standard.Text, StringComparison.Ordinal));

        var clients = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/preview?lang=en&audience=client");
        Assert.All(client, i => Assert.Contains(i.WordingFor("discharging a patient"), clients.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(staff[0].WordingFor("discharging a patient"), clients.Text, StringComparison.Ordinal);
        Assert.Contains("?lang=da&amp;audience=client", clients.Html, StringComparison.Ordinal);

        // Without a client role that answers, there is nothing to choose.
        var (plain, _) = await DraftWithKindsAsync("No client preview", ("Nurses", "Staff"), ("Unit managers", "Leader"));
        Assert.DoesNotContain("As clients read it", (await scenario.Viewer.GetAsync($"{Org}/surveys/{plain}/preview?lang=en")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_to_start_shows_how_the_frontline_experiences_leaders_and_the_ties_among_them_from_reportable_ties()
    {
        var id = await scenario.ClosedSurveyAsync("Leaders", Wave1, [.. ImportExportTests.HospitalRoles]);
        string[] leaders = ["Physicians", "Residents"];
        await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id && leaders.Contains(r.Name)).ExecuteUpdateAsync(u => u.SetProperty(r => r.Kind, RoleKind.Leader)));
        var kinds = ImportExportTests.HospitalRoles.Select(r => KeyValuePair.Create(r, leaders.Contains(r) ? RoleKind.Leader : RoleKind.Staff)).ToList();
        var views = RoleKindViews.Analyse(Engine(), kinds);
        Assert.Contains(views.LeadersByFrontline, v => v.Mean is not null);
        Assert.Contains(Engine().Ties, t => t.Suppressed && leaders.Contains(t.ToRole));   // there is something to leave out

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start?lang=en");
        var text = Squash(page.Text);

        Assert.Contains("How frontline roles experience leaders", text, StringComparison.Ordinal);
        foreach (var view in views.LeadersByFrontline)
        {
            Assert.Contains(view.Mean is { } mean
                ? $"{view.Role} : {ColourScale.Score(mean, 2)} on average, from {string.Join(", ", view.Ties.Select(t => $"{t.FromRole} {ColourScale.Score(t.Strength, 2)}"))}."
                : $"{view.Role} : no tie to it from a staff role is rated by at least 5 people.", text, StringComparison.Ordinal);
            Assert.All(view.Ties, t => Assert.False(t.Suppressed));
        }

        Assert.Contains("Ties among leaders", text, StringComparison.Ordinal);
        foreach (var tie in views.AmongLeaders)
        {
            Assert.Contains($"How {tie.FromRole} experience {tie.ToRole} — {ColourScale.Score(tie.Strength, 2)}", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("How clients experience each staff role", text, StringComparison.Ordinal);

        // In Danish, with nothing left in English.
        var danish = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start?lang=da");
        var words = DanishText(danish.Html);
        Assert.Contains("Hvordan rollerne i frontlinjen oplever lederne", words, StringComparison.Ordinal);
        Assert.Contains("Bånd mellem lederne", words, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft(words));

        // Without a leader role, neither section is there.
        await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Kind, RoleKind.Staff)));
        Assert.DoesNotContain("How frontline roles experience leaders", (await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start?lang=en")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_to_start_shows_how_answering_clients_experience_each_staff_role()
    {
        // Five patients rate nurses 4 and porters 2 on every item; five nurses rate everyone 3.
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        for (var i = 0; i < 5; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},Patients,Nurses,4,4,4,4,4,4,4\nP{i},Patients,Porters,2,2,2,2,2,2,2\n");
            csv.Append(CultureInfo.InvariantCulture, $"N{i},Nurses,Nurses,3,3,3,3,3,3,3\nN{i},Nurses,Porters,3,3,3,3,3,3,3\n");
        }

        using var api = await scenario.ApiClientAsync("Clients");
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title = "Clients' view",
            workProcess = "your discharge",
            roles = new object[] { new { name = "Nurses" }, new { name = "Porters", answers = false }, new { name = "Patients", kind = "client", rated = false } },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/open", null)).StatusCode);
        using (var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/responses/import", content)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);

        var text = Squash((await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start?lang=en")).Text);

        Assert.Contains("How clients experience each staff role", text, StringComparison.Ordinal);
        Assert.Contains("Nurses : 4.00 on average, from Patients 4.00.", text, StringComparison.Ordinal);
        Assert.Contains("Porters : 2.00 on average, from Patients 2.00.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("How frontline roles experience leaders", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reporting_group_answers_as_its_members_kind_when_they_share_one_and_as_staff_when_not()
    {
        var survey = new Data.Survey { Id = Guid.NewGuid(), Title = "Groups", WorkProcess = "w" };
        Data.SurveyRole Role(string name, RoleKind kind, int position) => new() { Id = Guid.NewGuid(), SurveyId = survey.Id, Name = name, Kind = kind, Position = position };
        var (chiefs, managers, nurses, patients) = (Role("Chiefs", RoleKind.Leader, 0), Role("Managers", RoleKind.Leader, 1), Role("Nurses", RoleKind.Staff, 2), Role("Patients", RoleKind.Client, 3));
        survey.Roles = [chiefs, managers, nurses, patients];
        survey.ReportingGroups =
        [
            new() { Id = Guid.NewGuid(), Name = "Leadership", Members = [new() { RoleId = chiefs.Id }, new() { RoleId = managers.Id }] },
            new() { Id = Guid.NewGuid(), Name = "Ward", Members = [new() { RoleId = nurses.Id }, new() { RoleId = patients.Id }] },
        ];

        var reported = survey.ReportedRoles.ToDictionary(r => r.Name, r => r.Kind);

        Assert.Equal(RoleKind.Leader, reported["Leadership"]);
        Assert.Equal(RoleKind.Staff, reported["Ward"]);
        Assert.Equal(RoleKind.Client, reported["Patients"]);   // still rated as a client role
        Assert.Equal(RoleKind.Leader, reported["Chiefs"]);
    }
}
