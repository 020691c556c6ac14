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
/// Generated bad API bodies, from a fixed seed: each gets a 400 with problem details (never a 5xx),
/// and a refused request stores nothing.
/// </summary>
public sealed class FuzzApiTests(ScenarioFixture fixture, ITestOutputHelper output) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;
    private readonly FuzzLog log = new(output);

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
        output.WriteLine($"{log.Sent} requests, {created} generated surveys happened to be valid");
        Report();
    }

    private void Check(string what, HttpStatusCode status, string body) => log.Check(what, status, body);

    private void Report() => log.Report();
}
