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
/// Generated broken CSV imports, from a fixed seed: each is refused with a message (never a 5xx), and
/// a refused import stores nothing.
/// </summary>
public sealed class FuzzImportTests(ScenarioFixture fixture, ITestOutputHelper output) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;
    private readonly FuzzLog log = new(output);

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
                log.Fail($"import {name}: {(int)response.StatusCode} without a message: {body}");
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

    private void Check(string what, HttpStatusCode status, string body) => log.Check(what, status, body);

    private void Report() => log.Report();
}
