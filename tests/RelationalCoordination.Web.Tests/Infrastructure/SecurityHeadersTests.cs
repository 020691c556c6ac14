using System.Net;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Tests.Pages;

using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>A scan of every page's, file's and API endpoint's response headers.</summary>
public sealed partial class SecurityHeadersTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task Every_page_file_and_API_response_carries_the_security_headers()
    {
        var open = await scenario.OpenSurveyAsync("Headers", ("Nurses", true, true), ("Physicians", true, true));
        var key = await app.QueryAsync(db => db.Surveys.Where(s => s.Id == open).Select(s => s.PublicKey).SingleAsync());
        var roles = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == scenario.SurveyId).OrderBy(r => r.Position).Select(r => r.Id).ToListAsync());
        // Every page of an organisation, for a draft survey and for an open one (the poster, the share page).
        var urls = AuthorizationTests.Handlers
            .Where(row => (string)row[2] == "GET")
            .SelectMany(row => new[] { scenario.SurveyId, open }.Select(survey => ((string)row[3])
                .Replace("{org}", scenario.OrgId.ToString(), StringComparison.Ordinal)
                .Replace("{survey}", survey.ToString(), StringComparison.Ordinal)
                .Replace("{viewerId}", Guid.Empty.ToString(), StringComparison.Ordinal)
                .Replace("{version}", "1", StringComparison.Ordinal)
                .Replace("{role}", roles[0].ToString(), StringComparison.Ordinal)
                .Replace("{role2}", roles[^1].ToString(), StringComparison.Ordinal)))
            .Distinct()
            .Concat([
                "/", "/orgs", "/account/signin", "/account/signup", "/account/denied", "/account/manage/password", "/setup",
                $"/s/{key}", $"/s/{key}/1", $"/s/{key}/q/1", $"/s/{key}/review", $"/s/{key}/resume", $"/s/{key}/thanks",
                "/s/no-such-survey", "/c", "/c/NOSUCHCODE", "/r/no-such-link", "/invitations/no-such-token",
                "/status/404", "/error", "/no/such/page", "/health", "/openapi/v1.json", "/api/v1/surveys",
                $"/orgs/{scenario.OrgId}/surveys/{Guid.Empty}",
                $"/orgs/{scenario.OrgId}/surveys/{open}/share?handler=Qr&format=svg",
            ])
            .ToList();
        var home = await scenario.Owner.Http.GetStringAsync("/account/signin");
        urls.AddRange(AssetPattern().Matches(home).Select(m => m.Groups[1].Value).Distinct());
        Assert.Contains(urls, u => u.EndsWith(".css", StringComparison.Ordinal));

        var scanned = new List<string>();
        foreach (var url in urls)
        {
            using var response = await scenario.Owner.Http.GetAsync(url);
            AssertHeaders(response, $"GET {url}");
            if (response.Content.Headers.ContentType?.MediaType is "text/html" or "image/svg+xml")
            {
                // What the policy would block in a browser is not sent at all.
                var html = await response.Content.ReadAsStringAsync();
                Assert.False(InlineCode().IsMatch(html), $"GET {url} has an inline script, style or event handler: {InlineCode().Match(html).Value}");
            }

            scanned.Add($"{(int)response.StatusCode} GET {url}");
        }

        // Responses to forms: a failed sign-in, a form without its antiforgery token, a respondent's start.
        using (var form = new FormUrlEncodedContent([KeyValuePair.Create("Email", "x@example.org")]))
        {
            using var response = await scenario.Anonymous.Http.PostAsync("/account/signin", form);
            AssertHeaders(response, "POST without token");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var signIn = await scenario.Anonymous.PostAsync("/account/signin", ("Email", "nobody@example.org"), ("Password", "wrong password here"));
        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        using var respondent = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var api = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{open}/responses"))
        {
            api.Headers.Authorization = new("Bearer", "rc_wrong");
            using var response = await respondent.SendAsync(api);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            AssertHeaders(response, "API 401");
        }

        Assert.True(scanned.Count > 50, $"only {scanned.Count} responses scanned");
        Assert.Contains(scanned, s => s.StartsWith("200", StringComparison.Ordinal));
        Assert.Contains(scanned, s => s.StartsWith("404", StringComparison.Ordinal));
        Assert.Contains(scanned, s => s.StartsWith("200", StringComparison.Ordinal) && s.Contains("/poster", StringComparison.Ordinal));
        Assert.Contains(scanned, s => s.StartsWith("200", StringComparison.Ordinal) && s.Contains("format=svg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_form_refuses_a_post_without_its_antiforgery_token_and_changes_nothing()
    {
        var open = await scenario.OpenSurveyAsync("Forgery", ("Nurses", true, true), ("Physicians", true, true));
        var key = await app.QueryAsync(db => db.Surveys.Where(s => s.Id == open).Select(s => s.PublicKey).SingleAsync());
        var roles = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == open).OrderBy(r => r.Position).Select(r => r.Id).ToListAsync());
        var viewer = await app.QueryAsync(db => db.Memberships.Where(m => m.OrganisationId == scenario.OrgId && m.Role == OrgRole.Viewer).Select(m => m.UserId).SingleAsync());
        var session = await app.QueryAsync(async db =>
        {
            var made = new FeedbackSession { Id = Guid.NewGuid(), SurveyId = open, Name = "Forgery", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.FeedbackSessions.Add(made);
            await db.SaveChangesAsync();
            return made.Id;
        });
        var posts = AuthorizationTests.Handlers.Where(row => (string)row[2] == "POST")
            .Select(row => ((string)row[3]).Replace("{org}", scenario.OrgId.ToString(), StringComparison.Ordinal).Replace("{survey}", open.ToString(), StringComparison.Ordinal)
                .Replace("{viewerId}", viewer.ToString(), StringComparison.Ordinal).Replace("{version}", "1", StringComparison.Ordinal)
                .Replace("{role}", roles[0].ToString(), StringComparison.Ordinal).Replace("{role2}", roles[^1].ToString(), StringComparison.Ordinal)
                .Replace("{session}", session.ToString(), StringComparison.Ordinal))
            .Concat(["/account/signin", "/account/signup", "/account/signout", "/account/manage/password", "/orgs", "/setup", "/c", $"/s/{key}", $"/s/{key}/q/1", $"/s/{key}/review", $"/s/{key}/resume"])
            .ToList();
        var before = await scenario.FingerprintAsync();

        foreach (var url in posts)
        {
            // The owner's own cookies, as a forged cross-site form would send them, but no token.
            var page = await scenario.Owner.PostWithTokenAsync(url, [KeyValuePair.Create("confirm", "yes"), KeyValuePair.Create("confirmName", "Medical wards"), KeyValuePair.Create("name", "Forged")], null);
            // Respondent pages send a stale form back to be filled again (StaleFormFilter) instead of an error page.
            var respondentPage = url.StartsWith("/s/", StringComparison.Ordinal) || url.StartsWith("/c", StringComparison.Ordinal);
            Assert.True(page.Status == HttpStatusCode.BadRequest || (respondentPage && page.Status == HttpStatusCode.Redirect && page.Location?.StartsWith(url, StringComparison.Ordinal) == true),
                $"POST {url} without a token: {(int)page.Status} {page.Location}");
        }

        Assert.True(posts.Count > 25, $"only {posts.Count} forms");
        Assert.Equal(before, await scenario.FingerprintAsync());
        Assert.Equal(HttpStatusCode.OK, (await scenario.Owner.GetAsync($"/orgs/{scenario.OrgId}")).Status);   // the organisation is still there
    }

    [Fact]
    public async Task Browsers_are_told_to_use_https_only_when_served_over_https()
    {
        using var secure = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://rc.example.org/") });
        using var plain = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://rc.example.org/") });

        using var overHttps = await secure.GetAsync("/account/signin");
        using var overHttp = await plain.GetAsync("/account/signin");

        Assert.Equal("max-age=31536000", string.Join(",", overHttps.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }

    private static void AssertHeaders(HttpResponseMessage response, string what)
    {
        string Header(string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
            : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
            : throw new Xunit.Sdk.XunitException($"{what} ({(int)response.StatusCode}) has no {name} header");

        var csp = Header("Content-Security-Policy");
        Assert.Equal(SecurityExtensions.ContentSecurityPolicy, csp);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
    }

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle="|\son[a-z]+="|javascript:""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    [GeneratedRegex("""(?:href|src)="(/(?:css|js)/[^"]+)""")]
    private static partial Regex AssetPattern();
}
