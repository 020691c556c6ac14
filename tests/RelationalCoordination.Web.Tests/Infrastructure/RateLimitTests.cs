using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>The app with low limits (3 per hour-long window, 2 sign-ups) and an owner, organisation and API token from configuration.</summary>
public sealed class RateLimitedApp : IAsyncLifetime
{
    public const string Token = "rc_rate-limit-tests-0123456789abcdef0123";

    public AppFactory App { get; } = new();

    public Guid SurveyId { get; private set; }

    public string Key { get; private set; } = "";

    public HttpClient Api() =>
        App.CreateClient() is var client && (client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token)) is not null ? client : client;

    public async Task InitializeAsync()
    {
        App.Settings["RateLimits:WindowSeconds"] = "3600";
        App.Settings["RateLimits:SignIn"] = "3";
        App.Settings["RateLimits:SignUp"] = "2";
        App.Settings["RateLimits:Codes"] = "3";
        App.Settings["RateLimits:Submissions"] = "3";
        App.Settings["Bootstrap:AdminEmail"] = "limits@example.org";
        App.Settings["Bootstrap:AdminPassword"] = "a long bootstrap password";
        App.Settings["Bootstrap:Organisation"] = "Limits hospital";
        App.Settings["Bootstrap:ApiToken"] = Token;
        using var api = Api();
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title = "Limits",
            workProcess = "discharging a patient",
            minimumGroupSize = 3,
            frequencyVariant = "frequency",
            roles = new[] { new { name = "Nurses", answers = true, rated = true }, new { name = "Physicians", answers = true, rated = true } },
        });
        SurveyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await api.PostAsync($"/api/v1/surveys/{SurveyId}/open", null)).EnsureSuccessStatusCode();
        Key = (await App.QueryAsync(db => db.Surveys.Where(s => s.Id == SurveyId).Select(s => s.PublicKey).SingleAsync()))!;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Sign-in, sign-up, invitation and resume codes and submissions are limited per client address;
/// past the limit the answer is 429 with Retry-After and a page saying to wait, and nothing is done.
/// </summary>
public sealed class RateLimitTests(RateLimitedApp fixture) : IClassFixture<RateLimitedApp>
{
    private readonly AppFactory app = fixture.App;

    [Fact]
    public async Task Sign_in_attempts_past_the_limit_get_a_friendly_429_even_with_the_right_password()
    {
        using var client = app.NewClient();
        for (var i = 0; i < 3; i++)
        {
            var wrong = await client.PostAsync("/account/signin", ("Email", $"guess{i}@example.org"), ("Password", "not the password"));
            Assert.Equal(HttpStatusCode.OK, wrong.Status);
        }

        var token = await client.TokenAsync("/account/signin");
        using var form = new FormUrlEncodedContent([
            KeyValuePair.Create("Email", "limits@example.org"), KeyValuePair.Create("Password", "a long bootstrap password"),
            KeyValuePair.Create("__RequestVerificationToken", token!)]);
        using var limited = await client.Http.PostAsync("/account/signin", form);
        var page = await AppClient.Page.ReadAsync(limited);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Too many attempts", page.Text, StringComparison.Ordinal);
        Assert.Contains("wait a minute and try again", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(limited.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("rc.auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).Status);   // reading the form is not limited
    }

    [Fact]
    public async Task Sign_ups_past_the_limit_create_no_account()
    {
        using var client = app.NewClient();
        await client.SignUpAsync("first@example.org");
        using var second = app.NewClient();
        await second.SignUpAsync("second@example.org");

        using var third = app.NewClient();
        var limited = await third.PostAsync("/account/signup", ("Input.Email", "third@example.org"), ("Input.Password", "correct horse battery"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Contains("Too many attempts", limited.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Users.CountAsync(u => u.Email == "third@example.org")));
    }

    [Fact]
    public async Task Guessing_invitation_and_resume_codes_stops_after_the_limit()
    {
        using var client = app.NewClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/c", ("code", $"ZZZZZZZZZ{i}"))).Status);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/s/{fixture.Key}/resume", ("code", "ZZZZ-ZZZZ"))).Status);

        var code = await client.PostAsync("/c", ("code", "ZZZZZZZZZ9"));
        var resume = await client.PostAsync($"/s/{fixture.Key}/resume", ("code", "YYYY-YYYY"));

        Assert.Equal(HttpStatusCode.TooManyRequests, code.Status);
        Assert.Contains("Too many attempts", code.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, resume.Status);
        Assert.Contains("Too many attempts", resume.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submissions_past_the_limit_get_429_and_store_nothing()
    {
        using var api = fixture.Api();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(api)).StatusCode);
        }

        using var limited = await SubmitAsync(api);
        using var respondent = new Respondent(app, fixture.Key);
        var start = await respondent.Client.PostAsync(respondent.Base);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Retry-After", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, start.Status);   // the respondent pages share the address's allowance
        Assert.Equal(3, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == fixture.SurveyId)));
        Assert.Equal(0, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == fixture.SurveyId && !d.Submitted)));
    }

    private Task<HttpResponseMessage> SubmitAsync(HttpClient api)
    {
        var content = new StringContent("""{"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":4}]}""", Encoding.UTF8, "application/json");
        return api.PostAsync($"/api/v1/surveys/{fixture.SurveyId}/responses", content);
    }
}
