using System.Globalization;
using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>The role editor: adding, renaming, reordering and removing roles, bad rows, names kept verbatim, and the limit of 100.</summary>
public sealed class SurveyRoleEditorTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private AppClient Facilitator => scenario.Facilitator;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task Roles_are_added_renamed_reordered_and_removed_in_one_form()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Reorder", ("Nurses", true, true), ("Physicians", true, true), ("Porters", true, true));
        var roles = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).ToListAsync());

        var saved = await PostRolesAsync(id,
        [
            new() { ["Id"] = roles[0].Id.ToString(), ["Name"] = "Registered nurses", ["Position"] = "3", ["Answers"] = "true", ["IsRated"] = "true" },
            new() { ["Id"] = roles[1].Id.ToString(), ["Name"] = "Physicians", ["Position"] = "1", ["Answers"] = "true", ["IsRated"] = "true", ["ExpectedHeadcount"] = "40" },
            // Porters (roles[2]) were removed from the form: a role the saved form no longer lists goes.
            new() { ["Name"] = "Patients", ["Description"] = "People being discharged", ["Position"] = "2", ["IsRated"] = "true" },
            new() { ["Name"] = "", ["Position"] = "9", ["Answers"] = "true", ["IsRated"] = "true" },
        ]);

        Assert.Equal($"{Org}/surveys/{id}/roles?saved=true", saved.Location);
        var after = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).ToListAsync());
        Assert.Equal(["Physicians", "Patients", "Registered nurses"], after.Select(r => r.Name));
        Assert.Equal(roles[0].Id, after[2].Id);
        Assert.Equal(40, after[0].ExpectedHeadcount);
        Assert.False(after[1].Answers);
        Assert.True(after[1].IsRated);
        Assert.Equal("People being discharged", after[1].Description);
    }

    [Fact]
    public async Task The_editor_shows_the_roles_and_one_empty_row_to_add_a_role_in()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Rows", ("Nurses", true, true), ("Physicians", true, true));

        var page = await Facilitator.GetAsync($"{Org}/surveys/{id}/roles");

        Assert.Equal(["Roles[0].Name", "Roles[1].Name", "Roles[2].Name"], NameFields(page));
        Assert.Contains("name=\"Roles[1].Name\" value=\"Physicians\"", page.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"add-role\" formaction=\"[^\"]*/roles\\?handler=AddRow\">Add a role</button>", page.Html);
        Assert.Contains("aria-label=\"Remove row 2\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_a_role_without_scripts_gives_the_form_back_as_typed_with_one_more_row_and_saves_nothing()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Add without scripts", ("Nurses", true, true));
        var nurses = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).Select(r => r.Id).SingleAsync());
        var before = await scenario.FingerprintAsync();

        // An old version: the form keeps the one it was made from, so a colleague's change made meanwhile still stops the save.
        var page = await Facilitator.PostAsync($"{Org}/surveys/{id}/roles?handler=AddRow",
        [
            KeyValuePair.Create("version", "12345"),
            KeyValuePair.Create("Roles[0].Id", nurses.ToString()), KeyValuePair.Create("Roles[0].Name", "Registered nurses"), KeyValuePair.Create("Roles[0].Position", "1"),
            KeyValuePair.Create("Roles[1].Name", "Porters"), KeyValuePair.Create("Roles[1].Position", "2"), KeyValuePair.Create("Roles[1].Answers", "true"),
        ], $"{Org}/surveys/{id}/roles");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["Roles[0].Name", "Roles[1].Name", "Roles[2].Name"], NameFields(page));
        Assert.Contains("name=\"Roles[0].Name\" value=\"Registered nurses\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"Roles[1].Name\" value=\"Porters\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"Roles[2].Position\" value=\"3\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"version\" value=\"12345\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.FingerprintAsync());
    }

    [Fact]
    public async Task Remove_without_scripts_gives_the_form_back_without_that_row_and_saves_nothing()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Remove without scripts", ("Nurses", true, true), ("Porters", true, true));
        var roles = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).ToListAsync());
        var before = await scenario.FingerprintAsync();

        var page = await Facilitator.PostAsync($"{Org}/surveys/{id}/roles?handler=RemoveRow",
        [
            KeyValuePair.Create("version", "7"), KeyValuePair.Create("row", "0"),
            KeyValuePair.Create("Roles[0].Id", roles[0].Id.ToString()), KeyValuePair.Create("Roles[0].Name", "Nurses"), KeyValuePair.Create("Roles[0].Position", "1"),
            KeyValuePair.Create("Roles[1].Id", roles[1].Id.ToString()), KeyValuePair.Create("Roles[1].Name", "Hospital porters"), KeyValuePair.Create("Roles[1].Position", "2"),
            KeyValuePair.Create("Roles[2].Name", ""), KeyValuePair.Create("Roles[2].Position", "3"),
        ], $"{Org}/surveys/{id}/roles");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["Roles[0].Name", "Roles[1].Name"], NameFields(page));
        Assert.Contains("name=\"Roles[0].Name\" value=\"Hospital porters\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"name=\"Roles[0].Id\" value=\"{roles[1].Id}\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(roles[0].Id.ToString(), page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"version\" value=\"7\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.FingerprintAsync());
    }

    [Fact]
    public async Task Saving_roles_comes_back_to_the_roles_page_saying_they_were_saved()
    {
        var id = await scenario.CreateSurveyAsync(Facilitator, "Saved here", ("Nurses", true, true));

        var saved = await scenario.SaveRolesAsync(Facilitator, id, ("Nurses", true, true), ("Porters", true, false));
        var page = await Facilitator.GetAsync(saved.Location!);
        var later = await Facilitator.GetAsync($"{Org}/surveys/{id}/roles");

        Assert.Equal($"{Org}/surveys/{id}/roles?saved=true", saved.Location);
        Assert.Contains("Roles saved: 2 roles.", System.Text.RegularExpressions.Regex.Replace(page.Text, @"\s+", " "), StringComparison.Ordinal);
        Assert.Equal(["Roles[0].Name", "Roles[1].Name", "Roles[2].Name"], NameFields(page));
        Assert.DoesNotContain("Roles saved", later.Text, StringComparison.Ordinal);
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

    /// <summary>The name fields of the roles form, in order: one per row.</summary>
    private static List<string> NameFields(AppClient.Page page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page.Html, "name=\"(Roles\\[\\d+\\]\\.Name)\"").Select(m => m.Groups[1].Value)];

    private Task<AppClient.Page> PostRolesAsync(Guid id, List<Dictionary<string, string>> rows) =>
        scenario.PostRolesAsync(Facilitator, id, rows);

    private Task<string> RolesAsync(Guid id) => SurveySetupSteps.RolesAsync(app, id);
}
