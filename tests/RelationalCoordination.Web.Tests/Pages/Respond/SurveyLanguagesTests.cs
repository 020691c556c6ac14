using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

/// <summary>A survey's own texts in the respondent's language: title, work process in the questions, role names.</summary>
public sealed class SurveyLanguagesTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task A_respondent_answering_in_Danish_reads_the_surveys_Danish_texts_and_one_answering_in_English_its_own()
    {
        var id = await scenario.OpenSurveyAsync("Discharge, spring", ("Nurses", true, true), ("Physicians", true, true));
        var roles = await Respondent.RolesAsync(app, id);
        var key = await Respondent.KeyOfAsync(app, id);
        var page = $"/orgs/{scenario.OrgId}/surveys/{id}/translations?lang=da";

        var saved = await scenario.Facilitator.PostAsync(page, [
            KeyValuePair.Create("version", await VersionAsync(id)),
            KeyValuePair.Create("Input.Title", "Udskrivelse, forår"), KeyValuePair.Create("Input.WorkProcess", "udskrivelse af en patient"),
            KeyValuePair.Create("Input.Roles[0].RoleId", roles["Nurses"].ToString()), KeyValuePair.Create("Input.Roles[0].Name", "Sygeplejersker"),
            KeyValuePair.Create("Input.Roles[1].RoleId", roles["Physicians"].ToString()), KeyValuePair.Create("Input.Roles[1].Name", ""),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        using var danish = new Respondent(app, key);
        var welcome = await danish.Client.GetAsync($"/s/{key}?lang=da");
        Assert.Contains("Udskrivelse, forår", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("Sygeplejersker", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("Physicians", welcome.Text, StringComparison.Ordinal);   // no Danish name given: its own
        await danish.StartAsync(roles["Nurses"]);
        var question = await danish.Client.GetAsync($"/s/{key}/q/1");
        Assert.Contains("udskrivelse af en patient", question.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Discharge", question.Text, StringComparison.Ordinal);

        using var english = new Respondent(app, key);
        var own = await english.Client.GetAsync($"/s/{key}?lang=en");
        Assert.Contains("Discharge, spring", own.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sygeplejersker", own.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_translation_without_its_work_process_is_refused_naming_the_field_and_all_blank_removes_it()
    {
        var id = await scenario.OpenSurveyAsync("Admissions", ("Nurses", true, true), ("Physicians", true, true));
        var page = $"/orgs/{scenario.OrgId}/surveys/{id}/translations?lang=da";

        var refused = await scenario.Facilitator.PostAsync(page, [KeyValuePair.Create("version", await VersionAsync(id)), KeyValuePair.Create("Input.Title", "Indlæggelse")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Give the work process in this language", refused.Text, StringComparison.Ordinal);
        Assert.Empty(await app.QueryAsync(db => db.Surveys.AsNoTracking().Where(s => s.Id == id).Select(s => s.Translations).SingleAsync()));

        await scenario.Facilitator.PostAsync(page, [KeyValuePair.Create("version", await VersionAsync(id)), KeyValuePair.Create("Input.Title", "Indlæggelse"), KeyValuePair.Create("Input.WorkProcess", "indlæggelse")]);
        Assert.Single(await app.QueryAsync(db => db.Surveys.AsNoTracking().Where(s => s.Id == id).Select(s => s.Translations).SingleAsync()));
        await scenario.Facilitator.PostAsync(page, [KeyValuePair.Create("version", await VersionAsync(id)), KeyValuePair.Create("Input.Title", " ")]);
        Assert.Empty(await app.QueryAsync(db => db.Surveys.AsNoTracking().Where(s => s.Id == id).Select(s => s.Translations).SingleAsync()));
    }

    private async Task<string> VersionAsync(Guid id) =>
        (await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Version).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
