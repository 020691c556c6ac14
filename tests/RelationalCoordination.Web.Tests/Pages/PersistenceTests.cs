using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Tests.Common.Postgres;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

[CollectionDefinition(nameof(RestartsPostgres), DisableParallelization = true)]
public sealed class RestartsPostgres;

/// <summary>Restarts PostgreSQL itself, so it runs alone, after the parallel test classes.</summary>
[Collection(nameof(RestartsPostgres))]
public sealed class PersistenceTests
{
    [Fact]
    public async Task A_survey_set_up_through_the_pages_survives_a_restart_of_the_app_and_of_postgres()
    {
        using var first = new AppFactory();
        var scenario = await Scenario.CreateAsync(first);
        var survey = $"/orgs/{scenario.OrgId}/surveys/{scenario.SurveyId}";
        await scenario.DisposeAsync();
        await first.DisposeAsync();

        PostgresServer.Instance.Restart();
        using var second = first.Restarted();
        using var client = second.NewClient();
        await client.SignInAsync(await second.QueryAsync(db => Task.FromResult(db.Users.OrderBy(u => u.CreatedAt).First().Email!)));
        var page = await client.GetAsync(survey);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Discharge", page.Text, StringComparison.Ordinal);
        Assert.Contains("Nurses", page.Text, StringComparison.Ordinal);
        Assert.Contains("Physicians", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_unhealthy_when_the_database_is_gone()
    {
        using var app = new AppFactory();
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).Status);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString).Database;

        Npgsql.NpgsqlConnection.ClearAllPools();
        await using (var admin = new Npgsql.NpgsqlConnection(PostgresServer.Instance.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var page = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("Unhealthy", page.Html);
    }

    [Fact]
    public async Task While_PostgreSQL_is_down_the_app_answers_503_and_then_recovers_by_itself_with_every_acknowledged_answer()
    {
        using var app = new AppFactory();
        var scenario = await Scenario.CreateAsync(app);
        var id = await scenario.OpenSurveyAsync("Outage", ("Nurses", true, true), ("Physicians", true, true));
        var roles = await Respondent.RolesAsync(app, id);
        using var respondent = new Respondent(app, await Respondent.KeyOfAsync(app, id));
        await respondent.StartAsync(roles["Nurses"]);
        var saved = await respondent.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Nurses"]] = 4, [roles["Physicians"]] = 2 });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);   // acknowledged
        var survey = $"/orgs/{scenario.OrgId}/surveys/{id}";
        var token = await respondent.Client.TokenAsync($"{respondent.Base}/q/2");

        PostgresServer.Instance.StopServer();
        try
        {
            using var page = await scenario.Facilitator.Http.GetAsync(survey);
            var text = (await AppClient.Page.ReadAsync(page)).Text;
            var question = await respondent.Client.GetAsync($"{respondent.Base}/q/2");
            var answer = await respondent.Client.PostWithTokenAsync($"{respondent.Base}/q/2",
                [.. Respondent.Fields(2, new Dictionary<Guid, int> { [roles["Nurses"]] = 5 }), KeyValuePair.Create("go", "next")], token);
            var health = await respondent.Client.GetAsync("/health");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("5", page.Headers.GetValues("Retry-After").Single());
            Assert.Contains("Briefly unavailable", text, StringComparison.Ordinal);
            Assert.Contains("try again in a moment", text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, question.Status);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);   // not acknowledged: the respondent sends it again
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        }
        finally
        {
            PostgresServer.Instance.StartServer();
        }

        // Nothing restarts the app: the connection pool finds the server again. Connections that
        // died with the server may fail a first request or two — with 503, never 500.
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 30 && statuses.LastOrDefault() != HttpStatusCode.OK; attempt++)
        {
            statuses.Add((await respondent.Client.GetAsync($"{respondent.Base}/q/2")).Status);
            if (statuses[^1] != HttpStatusCode.OK)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(HttpStatusCode.OK, statuses[^1]);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{s} after the restart"));
        Assert.Equal(HttpStatusCode.OK, (await scenario.Facilitator.GetAsync(survey)).Status);
        await respondent.AnswerAsync(2, new Dictionary<Guid, int> { [roles["Nurses"]] = 5 });
        Assert.Equal(HttpStatusCode.Redirect, (await respondent.SubmitAsync()).Status);
        var stored = await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).SelectMany(r => r.Answers).ToListAsync());
        Assert.Equal((short)4, stored.Single(a => a.TargetRoleId == roles["Nurses"]).Frequent);
        Assert.Equal((short)2, stored.Single(a => a.TargetRoleId == roles["Physicians"]).Frequent);
        Assert.Equal((short)5, stored.Single(a => a.TargetRoleId == roles["Nurses"]).Timely);
        await scenario.DisposeAsync();
    }

    [Fact]
    public async Task A_sign_in_cookie_from_one_app_instance_works_on_another()
    {
        using var first = new AppFactory();
        using var client = first.NewClient();
        await client.SignUpAsync("roaming@example.org");
        var orgId = await client.CreateOrganisationAsync("Shared keys");

        using var second = first.Restarted();
        using var other = second.NewClient();
        var cookie = await SignInCookieAsync(first, "roaming@example.org");
        other.Http.DefaultRequestHeaders.Add("Cookie", cookie);
        var page = await other.GetAsync($"/orgs/{orgId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Shared keys", page.Text, StringComparison.Ordinal);
    }

    /// <summary>Signs in on a client that does not keep cookies, to read the auth cookie from Set-Cookie.</summary>
    private static async Task<string> SignInCookieAsync(AppFactory app, string email)
    {
        using var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await http.GetAsync("/account/signin");
        var token = (await AppClient.Page.ReadAsync(signIn)).Token!;
        var antiforgeryCookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent([
                KeyValuePair.Create("Email", email),
                KeyValuePair.Create("Password", "correct horse battery"),
                KeyValuePair.Create("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", string.Join("; ", antiforgeryCookie));
        var response = await http.SendAsync(request);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("rc.auth", StringComparison.Ordinal)));
    }
}
