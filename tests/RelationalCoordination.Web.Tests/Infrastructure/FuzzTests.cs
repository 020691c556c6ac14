using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Pages;

using Xunit;
using Xunit.Abstractions;

using static RelationalCoordination.Web.Tests.Infrastructure.FuzzInputs;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>
/// Thousands of generated bad form fields, query values and route ids, from a fixed seed, so that a
/// failure can be replayed: none may give a 5xx, and every refusal is a 4xx with a message. Also a
/// control character or an oversized body, refused naming the field.
/// </summary>
public sealed class FuzzTests(ScenarioFixture fixture, ITestOutputHelper output) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;
    private readonly FuzzLog log = new(output);

    [Fact]
    public async Task Generated_bad_form_fields_and_query_values_never_give_a_server_error()
    {
        var random = new Random(Seed);
        var open = await scenario.OpenSurveyAsync("Fuzzed", ("Nurses", true, true), ("Physicians", true, true));
        var key = await Respondent.KeyOfAsync(app, open);
        var session = await app.QueryAsync(async db =>
        {
            var made = new FeedbackSession { Id = Guid.NewGuid(), SurveyId = open, Name = "Fuzzed", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.FeedbackSessions.Add(made);
            await db.SaveChangesAsync();
            return made.Id;
        });
        var fields = new[]
        {
            "Input.Title", "Input.WorkProcess", "Input.Introduction", "Input.MinGroupSize", "Input.FrequencyVariant", "Input.OpensOn", "Input.ClosesOn",
            "Input.Name", "Input.Email", "Input.Password", "Email", "Password", "name", "days", "count", "role", "months", "confirm", "confirmName",
            "code", "chosenRole", "go", "version", "Roles[0].Name", "Roles[0].Answers", "Roles[0].Position", "Roles[0].ExpectedHeadcount", "Roles[9999999].Name",
            $"q1.{Guid.NewGuid():N}", "view", "with", "lang", "userId", "linkId", "tokenId",
            "Input.HeldOn", "Input.Bands[x]", $"Input.Bands[{Guid.NewGuid():N}_{Guid.NewGuid():N}]", "Input.Bands", "Input.Bands[]",
        };
        var targets = AuthorizationTests.Handlers.Where(row => (string)row[2] == "POST").Select(row => (string)row[3])
            .Where(url => !url.Contains("settings?handler=Delete", StringComparison.Ordinal))   // the owner could lose the organisation the test runs in
            .Select(url => url.Replace("{org}", scenario.OrgId.ToString(), StringComparison.Ordinal).Replace("{survey}", open.ToString(), StringComparison.Ordinal)
                .Replace("{viewerId}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{version}", "1", StringComparison.Ordinal)
                .Replace("{role}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{role2}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{session}", session.ToString(), StringComparison.Ordinal))
            .Concat(["/account/signin", "/account/signup", "/setup", "/orgs", "/c", $"/s/{key}", $"/s/{key}/1", $"/s/{key}/q/1", $"/s/{key}/q/7", $"/s/{key}/review", $"/s/{key}/resume", "/account/manage/password"])
            .ToList();
        var owner = scenario.Owner;
        var token = await owner.TokenAsync($"/orgs/{scenario.OrgId}");

        for (var i = 0; i < 1500; i++)
        {
            var url = targets[random.Next(targets.Count)];
            var form = Enumerable.Range(0, random.Next(1, 6))
                .Select(_ => KeyValuePair.Create(random.Next(20) == 0 ? Pick(random, Nasty) : Pick(random, fields), Value(random)))
                .ToList();
            var client = random.Next(4) == 0 ? scenario.Anonymous : owner;
            var page = await client.PostWithTokenAsync(url, form, random.Next(10) == 0 ? null : token);
            Check($"POST {url} {Show(form)}", page.Status, page.Text);
        }

        var gets = AuthorizationTests.Handlers.Where(row => (string)row[2] == "GET").Select(row => (string)row[3]).ToList();
        for (var i = 0; i < 600; i++)
        {
            // A route id, and query values, replaced by something else.
            var template = Pick(random, gets);
            var junk = Uri.EscapeDataString(Pick(random, InPaths));
            var url = template.Replace("{org}", random.Next(8) == 0 ? junk : scenario.OrgId.ToString(), StringComparison.Ordinal)
                .Replace("{survey}", random.Next(3) == 0 ? junk : open.ToString(), StringComparison.Ordinal)
                .Replace("{viewerId}", junk, StringComparison.Ordinal).Replace("{version}", junk, StringComparison.Ordinal)
                .Replace("{role}", junk, StringComparison.Ordinal).Replace("{role2}", junk, StringComparison.Ordinal)
                .Replace("{session}", random.Next(3) == 0 ? junk : session.ToString(), StringComparison.Ordinal);
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"{Pick(random, fields)}={Uri.EscapeDataString(Value(random))}";
            if (url.Length > 8000)
            {
                url = url[..8000];
            }

            var page = await owner.GetAsync(url);
            Check($"GET {url[..Math.Min(url.Length, 300)]}", page.Status, page.Text);
        }

        foreach (var path in new[] { "/s/%FF%FE", $"/c/{new string('A', 5000)}", "/invitations/%C0%AF", $"/s/{key}/q/99999999999", $"/s/{key}/q/-1", "/orgs/%2e%2e/surveys" })
        {
            var page = await scenario.Anonymous.GetAsync(path);
            Check($"GET {path}", page.Status, page.Text);
        }

        Report();
    }

    [Fact]
    public async Task A_control_character_or_an_oversized_body_is_refused_with_a_message_naming_the_field()
    {
        using var client = app.NewClient();

        using var api = await scenario.ApiClientAsync("Big");
        var before = await scenario.FingerprintAsync();
        var nul = await client.PostAsync("/account/signup", ("Input.Email", "nul\0@example.org"), ("Input.Password", "correct horse battery"));
        var bell = await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/surveys/create", ("Input.Title", "Ring \u0007 ring"), ("Input.WorkProcess", "discharging"));
        using var big = new StringContent($"{{\"title\":\"{new string('x', 2 * 1024 * 1024)}\"}}", Encoding.UTF8, "application/json");
        using var tooLarge = await api.PostAsync("/api/v1/surveys", big);
        var largeForm = await client.PostAsync("/account/signin", ("Email", new string('x', 1_100_000)), ("Password", "x"));

        Assert.Equal(HttpStatusCode.BadRequest, nul.Status);
        Assert.Contains("Bad request", nul.Text, StringComparison.Ordinal);
        Assert.Contains("A field contains a control character (such as U+0000)", nul.Text, StringComparison.Ordinal);   // the form reader refuses it first
        Assert.Equal(HttpStatusCode.BadRequest, bell.Status);
        Assert.Contains("“Input.Title” contains the control character U+0007", bell.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("too large", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, largeForm.Status);
        Assert.Contains("Too large", largeForm.Text, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.FingerprintAsync());
    }

    private void Check(string what, HttpStatusCode status, string body) => log.Check(what, status, body);

    private void Report() => log.Report();
}
