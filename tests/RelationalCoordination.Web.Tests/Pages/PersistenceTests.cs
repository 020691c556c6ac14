using System.Net;
using RelationalCoordination.Tests.Shared.Postgres;
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
