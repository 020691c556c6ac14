using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Pages;

using Xunit;
using Xunit.Abstractions;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>
/// Thousands of generated bad inputs — form fields, query values, route ids, CSV imports, API
/// bodies — from a fixed seed, so that a failure can be replayed. None may give a 5xx; every refusal
/// is a 4xx with a message; a refused import or API request stores nothing.
/// </summary>
public sealed partial class FuzzTests(ScenarioFixture fixture, ITestOutputHelper output) : IClassFixture<ScenarioFixture>
{
    private const int Seed = 20261125;

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;
    private readonly List<string> failures = [];
    private int sent;

    /// <summary>Values no field expects.</summary>
    private static readonly string[] Nasty =
    [
        "", " ", "\0", "a\0b", "\u0001\u0002\u001f", "\u007f", "\u0085", "\r\n\r\n", "\t", "\uFEFF", "\uFFFE", "\uFFFF", "\u202Eevil",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "'; DROP TABLE \"Surveys\"; --", "%00", "%", "%%",
        "../../etc/passwd", "..\\..\\", "{{7*7}}", "${jndi:ldap://x}", "-1", "0", "2147483648", "-2147483649", "1e309", "NaN", "Infinity",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "true", "null", "[]", "{}", "🙂", "👩‍⚕️", "Ω≈ç√∫", "日本語", "\u0301",
        new string('x', 10_000), new string('é', 300), string.Concat(Enumerable.Repeat("a,b\"c\n", 1000)),
    ];

    /// <summary>
    /// In a path, everything but U+0000: Kestrel answers 400 to a NUL in the path before the app
    /// sees the request, and the in-memory test host refuses to send one at all.
    /// </summary>
    private static readonly string[] InPaths = [.. Nasty.Where(v => !v.Contains('\0', StringComparison.Ordinal))];

    [Fact]
    public async Task Generated_bad_form_fields_and_query_values_never_give_a_server_error()
    {
        var random = new Random(Seed);
        var open = await scenario.OpenSurveyAsync("Fuzzed", ("Nurses", true, true), ("Physicians", true, true));
        var key = await Respondent.KeyOfAsync(app, open);
        var fields = new[]
        {
            "Input.Title", "Input.WorkProcess", "Input.Introduction", "Input.MinGroupSize", "Input.FrequencyVariant", "Input.OpensOn", "Input.ClosesOn",
            "Input.Name", "Input.Email", "Input.Password", "Email", "Password", "name", "days", "count", "role", "months", "confirm", "confirmName",
            "code", "chosenRole", "go", "version", "Roles[0].Name", "Roles[0].Answers", "Roles[0].Position", "Roles[0].ExpectedHeadcount", "Roles[9999999].Name",
            $"q1.{Guid.NewGuid():N}", "view", "with", "lang", "userId", "linkId", "tokenId",
        };
        var targets = AuthorizationTests.Handlers.Where(row => (string)row[2] == "POST").Select(row => (string)row[3])
            .Where(url => !url.Contains("settings?handler=Delete", StringComparison.Ordinal))   // the owner could lose the organisation the test runs in
            .Select(url => url.Replace("{org}", scenario.OrgId.ToString(), StringComparison.Ordinal).Replace("{survey}", open.ToString(), StringComparison.Ordinal)
                .Replace("{viewerId}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{version}", "1", StringComparison.Ordinal)
                .Replace("{role}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{role2}", Guid.NewGuid().ToString(), StringComparison.Ordinal))
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
                .Replace("{role}", junk, StringComparison.Ordinal).Replace("{role2}", junk, StringComparison.Ordinal);
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
    public async Task Generated_broken_CSV_imports_are_refused_with_a_message_and_store_nothing()
    {
        var random = new Random(Seed + 1);
        var id = await scenario.OpenSurveyAsync("Fuzzed import", [.. ImportExportTests.HospitalRoles.Select(r => (r, true, true))]);
        var valid = File.ReadAllText(RelationalCoordination.Tests.Common.ExpectedTable.ReferencePath("hospital", "wave1.csv"));
        var lines = valid.Split('\n');
        using var api = await scenario.ApiClientAsync("Fuzz");

        var cases = new List<(string Name, byte[] Bytes)>
        {
            ("empty", []),
            ("header only", Encoding.UTF8.GetBytes(lines[0] + "\n")),
            ("UTF-16", Encoding.Unicode.GetBytes(valid)),
            ("Latin-1 with a non-ASCII role", Encoding.Latin1.GetBytes(lines[0] + "\nr1,Læger,Læger,5,5,5,5,5,5,5\n")),
            ("invalid UTF-8", [.. Encoding.UTF8.GetBytes(lines[0] + "\nr1,"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",Nurses,5,5,5,5,5,5,5\n")]),
            ("NUL bytes", Encoding.UTF8.GetBytes(valid.Replace("Nurses", "Nur\0ses", StringComparison.Ordinal))),
            ("unterminated quote", Encoding.UTF8.GetBytes(lines[0] + "\n\"r1,Nurses,Nurses,5,5,5,5,5,5,5\n")),
            ("random bytes", [.. Enumerable.Range(0, 5000).Select(_ => (byte)random.Next(256))]),
            ("100,000 roles", Encoding.UTF8.GetBytes(lines[0] + "\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"r{i},Role {i},Role {i},5,5,5,5,5,5,5\n")))),
            ("a valid file with one bad score at the end", Encoding.UTF8.GetBytes(valid.TrimEnd() + "\nlast,Nurses,Nurses,6,5,5,5,5,5,5\n")),
            ("over 50 MB", Encoding.UTF8.GetBytes(lines[0] + "\n" + new string('x', (50 * 1024 * 1024) + 10))),
        };
        for (var i = 0; i < 250; i++)
        {
            // Mutations of the valid file: a line duplicated, cut, quoted badly, a field replaced.
            var mutated = lines.ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(1, mutated.Count - 1);
                var fieldsOfLine = mutated[at].Split(',');
                switch (random.Next(6))
                {
                    case 0: fieldsOfLine[random.Next(fieldsOfLine.Length)] = Pick(random, Nasty).Replace("\n", "", StringComparison.Ordinal); break;
                    case 1: fieldsOfLine[random.Next(fieldsOfLine.Length)] = "\"" + fieldsOfLine[0]; break;
                    case 2: fieldsOfLine = fieldsOfLine[..random.Next(fieldsOfLine.Length)]; break;
                    case 3: fieldsOfLine = [.. fieldsOfLine, "extra"]; break;
                    case 4: fieldsOfLine[random.Next(3, fieldsOfLine.Length)] = random.Next(-5, 12).ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                    default: mutated.Insert(at, mutated[at]); break;
                }

                if (fieldsOfLine.Length > 0)
                {
                    mutated[at] = string.Join(',', fieldsOfLine);
                }
            }

            cases.Add(($"mutation {i}", Encoding.UTF8.GetBytes(string.Join('\n', mutated))));
        }

        var accepted = 0;
        foreach (var (name, bytes) in cases)
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var response = await api.PostAsync($"/api/v1/surveys/{id}/responses/import", content);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                // A mutation can still be a valid file (a duplicated line of a respondent already there is refused, a changed score may be valid): undo it.
                accepted++;
                await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).ExecuteDeleteAsync());
                continue;
            }

            Check($"import {name}", response.StatusCode, body);
            if (Encoding.UTF8.GetByteCount(body) < 20 || !body.Contains("\"detail\"", StringComparison.Ordinal) && !body.Contains("\"errors\"", StringComparison.Ordinal))
            {
                failures.Add($"import {name}: {(int)response.StatusCode} without a message: {body}");
            }
        }

        // The same through the import page, for a few of them.
        foreach (var (name, bytes) in cases.Take(11))
        {
            var result = await scenario.ImportAsync(id, Encoding.UTF8.GetString(bytes));
            if (result.Status != HttpStatusCode.OK)
            {
                Check($"import page {name}", result.Status, result.Text);
            }
            else
            {
                await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).ExecuteDeleteAsync());
            }
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.True(accepted < cases.Count / 2, $"{accepted} of {cases.Count} imports were accepted: the mutations are too mild");
        Report();
    }

    [Fact]
    public async Task Generated_bad_API_bodies_get_400_problem_details_and_store_nothing()
    {
        var random = new Random(Seed + 2);
        var id = await scenario.OpenSurveyAsync("Fuzzed API", ("Nurses", true, true), ("Physicians", true, true));
        using var api = await scenario.ApiClientAsync("Fuzz API");
        var surveys = await app.QueryAsync(db => db.Surveys.CountAsync());

        string Json(int depth = 0)
        {
            return random.Next(depth > 3 ? 5 : 9) switch
            {
                0 => "null",
                1 => random.Next(-10, 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                2 => "\"" + Pick(random, Nasty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\0", "\\u0000", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"",
                3 => random.Next(2) == 0 ? "true" : "false",
                4 => "1e400",
                5 or 6 => "[" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ => Json(depth + 1))) + "]",
                _ => "{" + string.Join(',', Enumerable.Range(0, random.Next(5)).Select(_ => $"\"{Pick(random, ["title", "workProcess", "roles", "name", "answers", "rated", "minimumGroupSize", "frequencyVariant", "role", "targetRole", "frequent", "mutualRespect", "previousWaveId", "expectedHeadcount"])}\":{Json(depth + 1)}")) + "}",
            };
        }

        var stored = 0;
        var bodies = new List<string> { "", "{", "[", "{\"title\":", new string('[', 10_000), "\"just a string\"", "{\"roles\":[" + string.Join(',', Enumerable.Repeat("{\"name\":\"x\"}", 50_000)) + "]}" };
        bodies.AddRange(Enumerable.Range(0, 700).Select(_ => Json()));
        foreach (var body in bodies)
        {
            var path = random.Next(2) == 0 ? "/api/v1/surveys" : $"/api/v1/surveys/{id}/responses";
            using var content = new StringContent(body, Encoding.UTF8, random.Next(10) == 0 ? "text/plain" : "application/json");
            using var response = await api.PostAsync(path, content);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.Created)
            {
                stored += path.EndsWith("/responses", StringComparison.Ordinal) ? 1 : 0;
                continue;   // a generated body can happen to be valid
            }

            Check($"POST {path} {body[..Math.Min(body.Length, 200)]}", response.StatusCode, text);
        }

        // Route ids.
        foreach (var junk in InPaths.Take(40))
        {
            using var response = await api.GetAsync($"/api/v1/surveys/{Uri.EscapeDataString(junk)}/results/ties");
            Check($"GET survey id {junk[..Math.Min(junk.Length, 40)]}", response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        // Valid bodies are the only ones stored: a response for each 201, nothing for a refusal.
        Assert.Equal(stored, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        var created = await app.QueryAsync(db => db.Surveys.CountAsync()) - surveys;
        output.WriteLine($"{sent} requests, {created} generated surveys happened to be valid");
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

    private void Check(string what, HttpStatusCode status, string body)
    {
        sent++;
        if ((int)status >= 500)
        {
            failures.Add($"{what} → {(int)status}: {body[..Math.Min(body.Length, 300)]}");
        }
        else if ((int)status >= 400 && string.IsNullOrWhiteSpace(body))
        {
            failures.Add($"{what} → {(int)status} with an empty body");
        }
    }

    private void Report()
    {
        output.WriteLine($"{sent} generated requests checked, seed {Seed}");
        Assert.True(sent > 100, "too few requests were checked");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} bad inputs were mishandled:\n" + string.Join("\n", failures.Take(30)));
    }

    private static string Value(Random random) =>
        random.Next(3) == 0 ? Pick(random, Nasty) : random.Next(2) == 0 ? random.Next(-3, 200).ToString(System.Globalization.CultureInfo.InvariantCulture) : Pick(random, Nasty) + Pick(random, Nasty);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Show(IEnumerable<KeyValuePair<string, string>> form) =>
        string.Join("&", form.Select(f => $"{f.Key}={(f.Value.Length > 30 ? f.Value[..30] + "…" : f.Value)}")).Replace("\0", "\\0", StringComparison.Ordinal);
}
