using System.Globalization;
using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>A survey's life on the facilitator's pages: set up, opened, duplicated, started as a new wave, closed, and listed.</summary>
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

        var opened = await Facilitator.PostAsync($"{Org}/surveys/{id}/open", []);
        var rolesBefore = await RolesAsync(id);
        var lockedRoles = await SaveRolesAsync(id, ("Porters", true, true));

        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.Equal(SurveyStatus.Open, await StatusAsync(id));
        Assert.Equal(HttpStatusCode.Conflict, lockedRoles.Status);
        Assert.Contains("roles can no longer change", lockedRoles.Text, StringComparison.Ordinal);
        Assert.Equal(rolesBefore, await RolesAsync(id));
    }

    [Fact]
    public async Task Opening_asks_first_saying_that_the_roles_and_questions_lock_and_the_links_start_working()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Asked first", ("Nurses", true, true), ("Patients", false, true));

        var details = await Facilitator.GetAsync($"{Org}/surveys/{id}");
        var confirmation = await Facilitator.GetAsync($"{Org}/surveys/{id}/open");

        // The survey page only links to the confirmation: nothing on it opens the survey in one click.
        Assert.Contains($"href=\"{Org}/surveys/{id}/open\"", details.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Open", details.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmation.Status);
        var text = Plain(confirmation);
        Assert.Contains("Its roles and questions lock.", text, StringComparison.Ordinal);
        Assert.Contains("can no longer be changed, because answers will depend on them", text, StringComparison.Ordinal);
        Assert.Contains("Its links, QR codes and invitation codes start working", text, StringComparison.Ordinal);
        Assert.Contains("Patients", text, StringComparison.Ordinal);
        Assert.Equal(SurveyStatus.Draft, await StatusAsync(id));   // showing it changes nothing

        var opened = await Facilitator.PostAsync($"{Org}/surveys/{id}/open", []);

        Assert.Equal($"{Org}/surveys/{id}", opened.Location);
        Assert.Equal(SurveyStatus.Open, await StatusAsync(id));
    }

    [Fact]
    public async Task The_opening_page_says_beforehand_why_a_survey_cannot_open_and_offers_no_button()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Nobody answers", ("Clients", false, true));

        var confirmation = await Facilitator.GetAsync($"{Org}/surveys/{id}/open");

        Assert.Contains("Add at least one role that answers the survey", confirmation.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Open the survey now", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Org}/surveys/{id}/roles\"", confirmation.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_asks_first_saying_it_cannot_be_undone_and_how_many_answers_in_progress_it_discards()
    {
        var (id, key, roles) = await Respond.RespondentSurveys.OpenSurveyAsync(app, scenario, "Close with care");
        using var submitted = new Respondent(app, key);
        await submitted.StartAsync(roles["Nurses"]);
        await submitted.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Physicians"]] = 4 });
        await submitted.SubmitAsync();
        using var nurse = new Respondent(app, key);
        using var physician = new Respondent(app, key);
        foreach (var (respondent, role) in new[] { (nurse, "Nurses"), (physician, "Physicians") })
        {
            await respondent.StartAsync(roles[role]);
            await respondent.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Nurses"]] = 3 });
        }

        var details = await Facilitator.GetAsync($"{Org}/surveys/{id}");
        var confirmation = await Facilitator.GetAsync($"{Org}/surveys/{id}/close");

        Assert.Contains($"href=\"{Org}/surveys/{id}/close\"", details.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Close", details.Html, StringComparison.Ordinal);
        var text = Plain(confirmation);
        Assert.Contains("It takes no more answers.", text, StringComparison.Ordinal);
        Assert.Contains("Its results are computed once, and then fixed. They are made from the 1 response submitted so far", text, StringComparison.Ordinal);
        Assert.Contains("It cannot be undone.", text, StringComparison.Ordinal);
        Assert.Contains("2 answers in progress will be lost unless those respondents submit before you close", text, StringComparison.Ordinal);
        // A total only: the confirmation names no role with answers in progress.
        var inProgress = System.Text.RegularExpressions.Regex.Match(confirmation.Html, "id=\"in-progress\">(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("Nurses", inProgress, StringComparison.Ordinal);
        Assert.DoesNotContain("Physicians", inProgress, StringComparison.Ordinal);
        Assert.Contains($"id=\"keep-open\" href=\"{Org}/surveys/{id}\">Keep it open<", confirmation.Html, StringComparison.Ordinal);
        // The answering roles below k, with their counts (as the survey page shows facilitators): their ratings will be hidden.
        Assert.Contains("answering roles have fewer than 5 responses", text, StringComparison.Ordinal);
        Assert.Contains("Nurses: 1", text, StringComparison.Ordinal);
        Assert.Contains("Physicians: 0", text, StringComparison.Ordinal);
        Assert.Equal(SurveyStatus.Open, await StatusAsync(id));   // showing it changes nothing

        var closed = await Facilitator.PostAsync($"{Org}/surveys/{id}/close", []);

        Assert.Equal($"{Org}/surveys/{id}", closed.Location);
        Assert.Equal(SurveyStatus.Closed, await StatusAsync(id));
        Assert.Contains("Only an open survey can be closed.", (await Facilitator.GetAsync($"{Org}/surveys/{id}/close")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_a_survey_nobody_is_answering_says_that_no_answers_are_lost()
    {
        var id = await scenario.OpenSurveyAsync("Quiet", ("Nurses", true, true));

        var confirmation = await Facilitator.GetAsync($"{Org}/surveys/{id}/close");

        Assert.Contains("No answers are in progress", Plain(confirmation), StringComparison.Ordinal);
        Assert.DoesNotContain("will be lost", Plain(confirmation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Texts_and_dates_stay_editable_once_open_but_the_instrument_does_not()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Rounds", ("Nurses", true, true));
        await Facilitator.PostAsync($"{Org}/surveys/{id}/open", []);

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
    public async Task Duplicating_copies_settings_and_roles_into_a_new_draft()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Original", ("Nurses", true, true), ("Clients", false, true));
        await Facilitator.PostAsync($"{Org}/surveys/{id}/open", []);

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

    [Fact]
    public async Task A_survey_opened_and_closed_on_one_day_keeps_its_dates_and_stays_editable()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Same day", ("Nurses", true, true));
        await Facilitator.PostAsync($"{Org}/surveys/{id}/open", []);
        await Facilitator.PostAsync($"{Org}/surveys/{id}/close", []);
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

        var page = await Facilitator.PostAsync($"{Org}/surveys/{id}/open", []);

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("Its closing date has passed", page.Text, StringComparison.Ordinal);
        Assert.Equal(SurveyStatus.Draft, await StatusAsync(id));
    }

    [Fact]
    public async Task A_survey_opens_only_with_a_role_that_answers_and_a_role_that_is_rated()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Only rated", ("Clients", false, true));

        var page = await Facilitator.PostAsync($"{Org}/surveys/{id}/open", []);

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("Add at least one role that answers the survey", page.Text, StringComparison.Ordinal);
        Assert.Equal(SurveyStatus.Draft, await StatusAsync(id));
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

    /// <summary>A page's text with every run of white space made one space, as a reader sees it.</summary>
    private static string Plain(AppClient.Page page) => System.Text.RegularExpressions.Regex.Replace(page.Text, @"\s+", " ");

    private Task<AppClient.Page> EditAsync(Guid id, params (string Name, string Value)[] fields) => SurveySetupSteps.EditAsync(scenario, id, fields);

    private Task<AppClient.Page> SaveRolesAsync(Guid id, params (string Name, bool Answers, bool Rated)[] roles) =>
        scenario.SaveRolesAsync(Facilitator, id, roles);

    private Task<string> RolesAsync(Guid id) => SurveySetupSteps.RolesAsync(app, id);

    private Task<SurveyStatus> StatusAsync(Guid id) => SurveySetupSteps.StatusAsync(app, id);
}
