using System.Globalization;
using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

public sealed class SurveySetupTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private AppClient Facilitator => scenario.Facilitator;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task A_facilitator_sets_up_a_survey_opens_it_and_then_its_roles_are_locked()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Admissions", ("Nurses", true, true), ("Patients", false, true));

        var opened = await Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Open", [], $"{Org}/surveys/{id}");
        var rolesBefore = await RolesAsync(id);
        var lockedRoles = await SaveRolesAsync(id, ("Porters", true, true));

        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.Equal(SurveyStatus.Open, await StatusAsync(id));
        Assert.Equal(HttpStatusCode.Conflict, lockedRoles.Status);
        Assert.Contains("roles can no longer change", lockedRoles.Text, StringComparison.Ordinal);
        Assert.Equal(rolesBefore, await RolesAsync(id));
    }

    [Fact]
    public async Task Texts_and_dates_stay_editable_once_open_but_the_instrument_does_not()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Rounds", ("Nurses", true, true));
        await Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Open", [], $"{Org}/surveys/{id}");

        var saved = await EditAsync(id, ("Input.Title", "Ward rounds"), ("Input.WorkProcess", "doing ward rounds"),
            ("Input.MinGroupSize", "9"), ("Input.FrequencyVariant", "Sufficiency"), ("Input.ClosesOn", "2027-01-31"));

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var survey = await app.QueryAsync(db => db.Surveys.SingleAsync(s => s.Id == id));
        Assert.Equal(("Ward rounds", "doing ward rounds"), (survey.Title, survey.WorkProcess));
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), survey.ClosesAt);
        Assert.Equal(5, survey.MinGroupSize);
        Assert.Equal(Domain.Instrument.FrequencyVariant.Frequency, survey.FrequencyVariant);
    }

    [Fact]
    public async Task Roles_are_added_renamed_reordered_and_removed_in_one_form()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Reorder", ("Nurses", true, true), ("Physicians", true, true), ("Porters", true, true));
        var roles = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).ToListAsync());

        var saved = await PostRolesAsync(id,
        [
            new() { ["Id"] = roles[0].Id.ToString(), ["Name"] = "Registered nurses", ["Position"] = "3", ["Answers"] = "true", ["IsRated"] = "true" },
            new() { ["Id"] = roles[1].Id.ToString(), ["Name"] = "Physicians", ["Position"] = "1", ["Answers"] = "true", ["IsRated"] = "true", ["ExpectedHeadcount"] = "40" },
            new() { ["Id"] = roles[2].Id.ToString(), ["Name"] = "Porters", ["Position"] = "2", ["Remove"] = "true" },
            new() { ["Name"] = "Patients", ["Description"] = "People being discharged", ["Position"] = "2", ["IsRated"] = "true" },
            new() { ["Name"] = "", ["Position"] = "9", ["Answers"] = "true", ["IsRated"] = "true" },
        ]);

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var after = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).ToListAsync());
        Assert.Equal(["Physicians", "Patients", "Registered nurses"], after.Select(r => r.Name));
        Assert.Equal(roles[0].Id, after[2].Id);
        Assert.Equal(40, after[0].ExpectedHeadcount);
        Assert.False(after[1].Answers);
        Assert.True(after[1].IsRated);
        Assert.Equal("People being discharged", after[1].Description);
    }

    [Fact]
    public async Task Duplicating_copies_settings_and_roles_into_a_new_draft()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Original", ("Nurses", true, true), ("Clients", false, true));
        await Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Open", [], $"{Org}/surveys/{id}");

        var duplicated = await Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Duplicate", [], $"{Org}/surveys/{id}");

        var copyId = Guid.Parse(duplicated.Location!.Split('/')[^2]);
        var copy = await app.QueryAsync(db => db.Surveys.Include(s => s.Roles).SingleAsync(s => s.Id == copyId));
        Assert.Equal("Copy of Original", copy.Title);
        Assert.Equal(SurveyStatus.Draft, copy.Status);
        Assert.Null(copy.PreviousWaveId);
        Assert.Equal(["Clients", "Nurses"], copy.Roles.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task A_new_wave_starts_from_the_earlier_surveys_roles_and_remembers_it()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Wave 1", ("Nurses", true, true), ("Physicians", true, true));

        var form = await Facilitator.GetAsync($"{Org}/surveys/create?waveOf={id}");
        var created = await Facilitator.PostAsync($"{Org}/surveys/create?waveOf={id}",
            ("Input.Title", "Wave 2"), ("Input.WorkProcess", "discharging a patient"), ("Input.MinGroupSize", "5"));

        Assert.Contains("New wave of", form.Text, StringComparison.Ordinal);
        var waveId = Guid.Parse(created.Location!.Split('/')[^2]);
        var wave = await app.QueryAsync(db => db.Surveys.Include(s => s.Roles).SingleAsync(s => s.Id == waveId));
        Assert.Equal(id, wave.PreviousWaveId);
        Assert.Equal(["Nurses", "Physicians"], wave.Roles.OrderBy(r => r.Position).Select(r => r.Name));
    }

    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        // field, value, the field's message, another field to keep valid
        { "Input.Title", "", "Give the survey a title.", "" },
        { "Input.Title", new string('x', 100_000), "The title can have at most 200 characters.", "" },
        { "Input.WorkProcess", " ", "Name the work process", "" },
        { "Input.MinGroupSize", "2", "The minimum group size must be between 3 and 100", "" },
        { "Input.MinGroupSize", "lots", "The value 'lots' is not valid", "" },
        { "Input.ClosesOn", "2027-01-01", "The survey cannot close before it opens.", "2027-02-01" },
        { "Input.Introduction", new string('y', 5000), "The introduction can have at most 4000 characters.", "" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_is_shown_next_to_its_field_and_nothing_is_stored(string field, string value, string message, string opensOn)
    {
        var before = await app.CountAsync<Survey>();
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Fine title",
            ["Input.WorkProcess"] = "discharging a patient",
            ["Input.MinGroupSize"] = "5",
            ["Input.OpensOn"] = opensOn,
        };
        fields[field] = value;

        var page = await Facilitator.PostAsync($"{Org}/surveys/create", fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Contains("input-validation-error", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountAsync<Survey>());
    }

    public static TheoryData<string, string, string, string> BadRoles => new()
    {
        // first row name, second row name, second row flags, message
        { "Nurses", "nurses ", "answers", "Another role (row 1) is already called “nurses”." },
        { "Nurses", "", "answers,description", "Give the role a name." },
        { "Nurses", "Clients", "", "A role must answer, be rated, or both." },
        { "Nurses", new string('n', 100_000), "answers", "A role name can have at most 100 characters." },
        { "Nurses", "Aides", "answers,headcount", "The expected headcount is a number from 0 to 1,000,000, or empty." },
    };

    [Theory]
    [MemberData(nameof(BadRoles))]
    public async Task Bad_roles_are_shown_next_to_their_row_and_nothing_is_stored(string first, string second, string flags, string message)
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Roles check", ("Physicians", true, true));
        var before = await RolesAsync(id);
        var secondRow = new Dictionary<string, string> { ["Name"] = second, ["Position"] = "2" };
        if (flags.Contains("answers", StringComparison.Ordinal))
        {
            secondRow["Answers"] = "true";
        }

        if (flags.Contains("description", StringComparison.Ordinal))
        {
            secondRow["Description"] = "Has a description but no name";
        }

        if (flags.Contains("headcount", StringComparison.Ordinal))
        {
            secondRow["ExpectedHeadcount"] = "-4";
        }

        var page = await PostRolesAsync(id, [new() { ["Name"] = first, ["Position"] = "1", ["Answers"] = "true" }, secondRow]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Equal(before, await RolesAsync(id));
    }

    [Fact]
    public async Task Role_names_with_commas_quotes_html_and_other_scripts_are_stored_and_shown_verbatim()
    {
        string[] names = ["Læger, \"on call\"", "<script>alert('x')</script>", "护士", "أطباء"];

        var id = await scenario.CreateSurveyAsync(Facilitator, "<b>Unicode</b> & co", [.. names.Select(n => (n, true, true))]);

        Assert.Equal(names, (await RolesAsync(id)).Split('|'));
        foreach (var path in new[] { $"{Org}/surveys/{id}", $"{Org}/surveys/{id}/preview", $"{Org}/surveys/{id}/roles" })
        {
            var page = await Facilitator.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>Unicode</b>", page.Html, StringComparison.Ordinal);
            foreach (var name in names)
            {
                Assert.Contains(name, WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_bad_edit_is_shown_next_to_its_field_and_nothing_is_stored()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Keep me", ("Nurses", true, true));

        var page = await EditAsync(id, ("Input.Title", new string('t', 100_000)), ("Input.WorkProcess", "w"), ("Input.MinGroupSize", "2"),
            ("Input.OpensOn", "2027-05-02"), ("Input.ClosesOn", "2027-05-01"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("The title can have at most 200 characters.", page.Text, StringComparison.Ordinal);
        Assert.Contains("The minimum group size must be between 3 and 100", page.Text, StringComparison.Ordinal);
        Assert.Contains("The survey cannot close before it opens.", page.Text, StringComparison.Ordinal);
        var survey = await app.QueryAsync(db => db.Surveys.SingleAsync(s => s.Id == id));
        Assert.Equal(("Keep me", 5, (DateTimeOffset?)null), (survey.Title, survey.MinGroupSize, survey.OpensAt));
    }

    [Fact]
    public async Task A_survey_opened_and_closed_on_one_day_keeps_its_dates_and_stays_editable()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Same day", ("Nurses", true, true));
        await Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Open", [], $"{Org}/surveys/{id}");
        await Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Close", [], $"{Org}/surveys/{id}");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var details = await Facilitator.GetAsync($"{Org}/surveys/{id}");
        var form = await Facilitator.GetAsync($"{Org}/surveys/{id}/edit");
        var saved = await EditAsync(id, ("Input.Title", "Same day, renamed"), ("Input.WorkProcess", "w"), ("Input.OpensOn", today), ("Input.ClosesOn", today));

        Assert.Contains($"Opens {today} · closes {today}", details.Text, StringComparison.Ordinal);
        Assert.Contains($"value=\"{today}\"", form.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(SurveyStatus.Closed, await StatusAsync(id));
    }

    [Fact]
    public async Task A_survey_whose_closing_date_has_passed_does_not_open()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Too late", ("Nurses", true, true));
        await EditAsync(id, ("Input.Title", "Too late"), ("Input.WorkProcess", "w"), ("Input.MinGroupSize", "5"), ("Input.ClosesOn", "2020-01-31"));

        var page = await Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Open", [], $"{Org}/surveys/{id}");

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("Its closing date has passed", page.Text, StringComparison.Ordinal);
        Assert.Equal(SurveyStatus.Draft, await StatusAsync(id));
    }

    [Fact]
    public async Task The_preview_speaks_english_by_default_and_danish_when_chosen_or_asked_for()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Languages", ("Sygeplejersker", true, true));
        var preview = $"{Org}/surveys/{id}/preview";

        var english = await Facilitator.GetAsync(preview);
        var danish = await Facilitator.GetAsync($"{preview}?lang=da");
        var remembered = await Facilitator.GetAsync(preview);
        await Facilitator.GetAsync($"{preview}?lang=en");
        using var request = new HttpRequestMessage(HttpMethod.Get, preview);
        request.Headers.AcceptLanguage.ParseAdd("da-DK,da;q=0.9,en;q=0.5");
        using var viewerResponse = await scenario.Viewer.Http.SendAsync(request);
        var asked = await AppClient.Page.ReadAsync(viewerResponse);

        Assert.Contains("Question 1 of 7", english.Text, StringComparison.Ordinal);
        Assert.Contains("How much do people in each of these roles share your goals for discharging a patient?", english.Text, StringComparison.Ordinal);
        foreach (var page in new[] { danish, remembered, asked })
        {
            Assert.Contains("Spørgsmål 1 af 7", page.Text, StringComparison.Ordinal);
            Assert.Contains("Hvor meget deler personer i hver af disse roller dine mål for discharging a patient?", page.Text, StringComparison.Ordinal);
            Assert.Contains("ikke relevant / ved ikke", page.Text, StringComparison.Ordinal);
            Assert.Contains("Hvad er din rolle?", page.Text, StringComparison.Ordinal);
            Assert.Contains("Sygeplejersker", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_survey_opens_only_with_a_role_that_answers_and_a_role_that_is_rated()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Only rated", ("Clients", false, true));

        var page = await Facilitator.PostAsync($"{Org}/surveys/{id}?handler=Open", [], $"{Org}/surveys/{id}");

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("Add at least one role that answers the survey", page.Text, StringComparison.Ordinal);
        Assert.Equal(SurveyStatus.Draft, await StatusAsync(id));
    }

    [Fact]
    public async Task The_role_editor_takes_100_roles_and_refuses_a_101st_naming_the_limit()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Many roles", ("Nurses", true, true));
        var roles = Enumerable.Range(1, 101).Select(i => ($"Role {i}", true, true)).ToArray();

        var refused = await scenario.SaveRolesAsync(Facilitator, id, roles);
        var stored = await app.QueryAsync(db => db.SurveyRoles.CountAsync(r => r.SurveyId == id));
        var saved = await scenario.SaveRolesAsync(Facilitator, id, roles[..100]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("A survey can have at most 100 roles (this one has 101)", refused.Text, StringComparison.Ordinal);
        Assert.Equal(1, stored);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(100, await app.QueryAsync(db => db.SurveyRoles.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task Two_facilitators_editing_at_once_cannot_overwrite_each_other()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Race", ("Nurses", true, true));
        var staleVersion = await scenario.VersionAsync(id);
        await EditAsync(id, ("Input.Title", "First edit"), ("Input.WorkProcess", "w"), ("Input.MinGroupSize", "5"));

        var second = await Facilitator.PostAsync($"{Org}/surveys/{id}/edit",
            ("version", staleVersion.ToString(CultureInfo.InvariantCulture)), ("Input.Title", "Second edit"), ("Input.WorkProcess", "w"), ("Input.MinGroupSize", "5"));

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Contains("Someone else changed this survey", second.Text, StringComparison.Ordinal);
        Assert.Equal("First edit", await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Title).SingleAsync()));
    }

    [Fact]
    public async Task The_dashboard_lists_surveys_with_status_dates_and_responses()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Dashboard check", ("Nurses", true, true));
        await EditAsync(id, ("Input.Title", "Dashboard check"), ("Input.WorkProcess", "w"), ("Input.MinGroupSize", "5"), ("Input.OpensOn", "2027-03-01"), ("Input.ClosesOn", "2027-03-21"));

        var page = await scenario.Viewer.GetAsync(Org);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Dashboard check", page.Text, StringComparison.Ordinal);
        Assert.Contains("2027-03-01", page.Text, StringComparison.Ordinal);
        Assert.Contains("2027-03-21", page.Text, StringComparison.Ordinal);   // the last day answers are taken
        Assert.DoesNotContain("2027-03-22", page.Text, StringComparison.Ordinal);
        Assert.Contains("Draft", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("New survey", page.Text, StringComparison.Ordinal);   // viewers do not create
    }

    private async Task<AppClient.Page> EditAsync(Guid id, params (string Name, string Value)[] fields) =>
        await Facilitator.PostAsync($"{Org}/surveys/{id}/edit", [("version", (await scenario.VersionAsync(id)).ToString(CultureInfo.InvariantCulture)), .. fields]);

    private Task<AppClient.Page> SaveRolesAsync(Guid id, params (string Name, bool Answers, bool Rated)[] roles) =>
        scenario.SaveRolesAsync(Facilitator, id, roles);

    private Task<AppClient.Page> PostRolesAsync(Guid id, List<Dictionary<string, string>> rows) =>
        scenario.PostRolesAsync(Facilitator, id, rows);

    private Task<string> RolesAsync(Guid id) => app.QueryAsync(async db =>
        string.Join('|', await db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).Select(r => r.Name).ToListAsync()));

    private Task<SurveyStatus> StatusAsync(Guid id) => app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
}
