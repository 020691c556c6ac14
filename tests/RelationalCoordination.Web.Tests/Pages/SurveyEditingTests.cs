using System.Globalization;
using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>Editing a survey's settings: a bad value is shown next to its field, two facilitators cannot overwrite each other, and the preview's language.</summary>
public sealed class SurveyEditingTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private AppClient Facilitator => scenario.Facilitator;

    private string Org => $"/orgs/{scenario.OrgId}";

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

    private Task<AppClient.Page> EditAsync(Guid id, params (string Name, string Value)[] fields) => SurveySetupSteps.EditAsync(scenario, id, fields);
}
