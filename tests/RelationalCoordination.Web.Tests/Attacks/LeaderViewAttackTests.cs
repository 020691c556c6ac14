using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// The leader and client views of "where to start" as an attacker would read them: a leader (or a
/// client) role rated by fewer than k people, hoping a mean over "the frontline" or "the clients"
/// lets a suppressed tie through — alone, or mixed into the mean of a reportable one where the
/// difference gives it away.
/// </summary>
public sealed class LeaderViewAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    private async Task<Guid> ClosedSurveyAsync(string title, object[] roles, string csv)
    {
        using var api = await scenario.ApiClientAsync(title);
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new { title, workProcess = "discharging a patient", minimumGroupSize = 5, roles });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/open", null)).StatusCode);
        using (var content = new StringContent(csv, Encoding.UTF8, "text/csv"))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/responses/import", content)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        return id;
    }

    private static void Rate(StringBuilder csv, string prefix, int count, string role, string target, int score)
    {
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}{i},{role},{target},{string.Join(',', Enumerable.Repeat(score, 7))}\n");
        }
    }

    [Fact]
    public async Task A_leader_rated_by_fewer_than_k_shows_nothing_and_a_mean_never_mixes_in_a_suppressed_tie()
    {
        // Six nurses rate the unit managers 4 and the physicians 3; two porters rate the unit managers 1
        // (the answers an attacker is after); three chiefs rate each other and the unit managers 5;
        // four nurses alone rate the chiefs 2.
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        Rate(csv, "N", 6, "Nurses", "Unit managers", 4);
        Rate(csv, "N", 6, "Nurses", "Physicians", 3);
        Rate(csv, "N", 4, "Nurses", "Chiefs", 2);
        Rate(csv, "P", 2, "Porters", "Unit managers", 1);
        Rate(csv, "C", 3, "Chiefs", "Chiefs", 5);
        Rate(csv, "C", 3, "Chiefs", "Unit managers", 5);
        var id = await ClosedSurveyAsync("Leaders below k", [
            new { name = "Nurses" }, new { name = "Porters" }, new { name = "Physicians", answers = false },
            new { name = "Unit managers", kind = "leader", answers = false }, new { name = "Chiefs", kind = "leader" }], csv.ToString());

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start?lang=en");
        var text = ResultsPagesText(page.Html);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // The unit managers' mean is the nurses' tie alone: with the porters' 1s it would be 2.50.
        Assert.Contains("Unit managers : 4.00 on average, from Nurses 4.00.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Porters 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2.50", text, StringComparison.Ordinal);
        // The chiefs, rated by four nurses: nothing but the refusal.
        Assert.Contains("Chiefs : no tie to it from a staff role is rated by at least 5 people.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nurses 2", text, StringComparison.Ordinal);
        // Three chiefs about themselves and about the unit managers: no tie among leaders to show.
        Assert.Contains("No tie between leader roles is rated by at least 5 people.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5.00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1.00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_rating_a_role_in_fewer_than_k_show_nothing_of_it()
    {
        // Five patients rate the nurses 4; three of them (and only they) rate the porters 1.
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        Rate(csv, "P", 5, "Patients", "Nurses", 4);
        Rate(csv, "P", 3, "Patients", "Porters", 1);
        Rate(csv, "N", 5, "Nurses", "Porters", 3);
        var id = await ClosedSurveyAsync("Clients below k", [
            new { name = "Nurses" }, new { name = "Porters", answers = false }, new { name = "Patients", kind = "client", rated = false }], csv.ToString());

        var text = ResultsPagesText((await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start?lang=en")).Html);

        Assert.Contains("Nurses : 4.00 on average, from Patients 4.00.", text, StringComparison.Ordinal);
        Assert.Contains("Porters : no tie to it from a client role is rated by at least 5 people.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1.00", text, StringComparison.Ordinal);
    }

    private static string ResultsPagesText(string html) => Pages.Results.ResultsPages.Squash(WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")));
}
