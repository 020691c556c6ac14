extern alias rc;

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Tests.Common;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Pages.Orgs.Surveys;
using RelationalCoordination.Web.Tests.Infrastructure;
using RelationalCoordination.Web.Tests.Pages;

using Xunit;

using static RelationalCoordination.Web.Tests.Api.ApiSurveys;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>The API's results of a closed survey, figure by figure against the reference and the engine.</summary>
public sealed class ApiResultsTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task Through_the_API_alone_a_survey_is_created_opened_filled_and_read_with_the_reference_figures()
    {
        using var api = await ClientAsync();
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title = "Discharge via API",
            workProcess = "discharging a patient",
            minimumGroupSize = 5,
            frequencyVariant = "frequency",
            roles = ImportExportTests.HospitalRoles.Select(r => new { name = r, answers = true, rated = true }),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/surveys/{id}", created.Headers.Location?.AbsolutePath);
        // Where Location points: the survey, its roles in order.
        var read = await api.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal("draft", read.GetProperty("status").GetString());
        Assert.Equal(ImportExportTests.HospitalRoles, read.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()!));

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/open", null)).StatusCode);
        using var csv = new StringContent(Wave1, Encoding.UTF8, "text/csv");
        var imported = await api.PostAsync($"/api/v1/surveys/{id}/responses/import", csv);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(876, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());

        // While the survey is open there are no results at all, in any form: only counts.
        foreach (var part in new[] { "ties", "roles", "summary" })
        {
            var early = await api.GetAsync($"/api/v1/surveys/{id}/results/{part}");
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Results appear when the survey closes", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var list = (await api.GetFromJsonAsync<JsonElement>("/api/v1/surveys")).EnumerateArray().ToList();
        var listed = list.Single(s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal("open", listed.GetProperty("status").GetString());
        Assert.Equal(120, listed.GetProperty("responses").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);

        // Closed: every figure agrees with the anonymous reference (R, k = 5) to 1e-9; a suppressed
        // tie has no number, not even n; a role below k has no count; the summary pools the
        // observations of reportable ties only.
        const string Anonymous = "expected-anonymous-k5";
        var ties = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/ties")).EnumerateArray().ToList();
        ExpectedTable.Load(ExpectedTable.ReferencePath("hospital", Anonymous, "ties.csv"), "from_role", "to_role").Withholding("n", 5)
            .OverCompleteObservations(ExpectedTable.ReferencePath("hospital", "wave1.csv"), 5)
            .AssertAgrees(ties.ToDictionary(
                t => ExpectedTable.Key(t.GetProperty("fromRole").GetString()!, t.GetProperty("toRole").GetString()!),
                t => (Func<string, double?>)(column => JsonFigure(t, column switch
                {
                    "tie_strength" => "strength",
                    "sd" => "standardDeviation",
                    "ci_low" => "ciLow",
                    "ci_high" => "ciHigh",
                    "n" => "n",
                    _ => column,
                }))), "tie");
        Assert.Contains(ties, t => t.GetProperty("suppressed").GetBoolean());
        Assert.All(ties.Where(t => t.GetProperty("suppressed").GetBoolean()), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("n").ValueKind));
        var roles = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/roles")).EnumerateArray().ToList();
        ExpectedTable.Load(ExpectedTable.ReferencePath("hospital", Anonymous, "roles.csv"), "role").Withholding("respondents", 5, "respondents")
            .AssertAgrees(roles.ToDictionary(
                r => ExpectedTable.Key(r.GetProperty("role").GetString()!),
                r => (Func<string, double?>)(column => JsonFigure(r, Camel(column)))), "role");
        var summary = await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/summary");
        var expectedSummary = ExpectedTable.Load(ExpectedTable.ReferencePath("hospital", Anonymous, "summary.csv"), "metric")
            .WithPublishedRwgJ(ExpectedTable.ReferencePath("hospital", "wave1.csv"), 5);
        expectedSummary.AssertAgrees(
            expectedSummary.Rows.Keys.ToDictionary(m => m, m => (Func<string, double?>)(_ => JsonFigure(summary, Camel(m)))), "summary");

        // CSV for Accept: text/csv, the same file as the engine's anonymous result.
        var engine = ScoringEngine.Score(ResponsesCsv.Parse(Wave1, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/surveys/{id}/results/roles");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var rolesCsv = await api.SendAsync(request);
        Assert.Equal("text/csv", rolesCsv.Content.Headers.ContentType?.MediaType);
        var written = new StringWriter(CultureInfo.InvariantCulture);
        ResultsCsv.WriteRoles(written, engine.Roles, CsvTextFields.NeutraliseFormulas);
        Assert.Equal(written.ToString(), await rolesCsv.Content.ReadAsStringAsync());
    }

    /// <summary>A figure of a JSON object (a property, or one of its dimension means by key), or null.</summary>
    private static double? JsonFigure(JsonElement element, string name)
    {
        if (RelationalCoordination.Domain.Instrument.Dimensions.TryParseKey(name, out var dimension))
        {
            var mean = element.GetProperty("dimensionMeans")[(int)dimension];
            return mean.ValueKind == JsonValueKind.Null ? null : mean.GetDouble();
        }

        var value = element.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }

    /// <summary>A CSV column or metric name as the API's JSON names it: rc_given → rcGiven, rwg_j_mean → rwgJMean.</summary>
    private static string Camel(string name)
    {
        var parts = name.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static readonly string[] Withheld = ["n", "strength", "standardDeviation", "ciLow", "ciHigh", "rwgJ", "band"];

    [Fact]
    public async Task Through_the_API_alone_a_closed_survey_s_results_equal_rc_score_anonymous_on_the_same_file()
    {
        using var api = await ClientAsync();
        var id = await ImportedAsync(api, "Same numbers", Wave1, close: true);
        var folder = Directory.CreateTempSubdirectory("rc-api-");
        try
        {
            // `rc score --anonymous --min-group-size 5` itself, on the file the API imported.
            var input = Path.Combine(folder.FullName, "wave1.csv");
            await File.WriteAllTextAsync(input, Wave1);
            var output = Path.Combine(folder.FullName, "rc");
            using var stdout = new StringWriter(CultureInfo.InvariantCulture);
            using var stderr = new StringWriter(CultureInfo.InvariantCulture);
            Assert.Equal(0, rc::RelationalCoordination.Cli.CliApp.Run(["score", input, "--out", output, "--anonymous", "--min-group-size", "5"], stdout, stderr));

            // Every column of every row, to 1e-9; an empty cell of rc is a null of the API.
            var ties = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/ties")).EnumerateArray().ToList();
            var compared = ExpectedTable.Load(Numeric(Path.Combine(output, "ties.csv")), "from_role", "to_role").AssertAgrees(ties.ToDictionary(
                t => ExpectedTable.Key(t.GetProperty("fromRole").GetString()!, t.GetProperty("toRole").GetString()!),
                t => (Func<string, double?>)(column => column == "suppressed" ? (t.GetProperty("suppressed").GetBoolean() ? 1 : 0) : JsonFigure(t, column switch
                {
                    "tie_strength" => "strength",
                    "sd" => "standardDeviation",
                    _ when RelationalCoordination.Domain.Instrument.Dimensions.TryParseKey(column, out _) => column,
                    _ => Camel(column),
                }))), "tie");
            var roles = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/roles")).EnumerateArray().ToList();
            compared += ExpectedTable.Load(Path.Combine(output, "roles.csv"), "role").AssertAgrees(roles.ToDictionary(
                r => ExpectedTable.Key(r.GetProperty("role").GetString()!),
                r => (Func<string, double?>)(column => JsonFigure(r, Camel(column)))), "role");
            var summary = await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/summary");
            var rcSummary = ExpectedTable.Load(Path.Combine(output, "summary.csv"), "metric");
            compared += rcSummary.AssertAgrees(rcSummary.Rows.Keys.ToDictionary(m => m, m => (Func<string, double?>)(_ => JsonFigure(summary, Camel(m)))), "summary");
            Assert.True(compared >= 900, $"only {compared} figures compared"); // 63 ties × 14, 8 roles × 6, 14 summary figures: 944

            // What makes it anonymous: suppressed ties carry no number, not even n, and the summary
            // pools the respondents of reportable ties only — 115 of the file's 120.
            Assert.Equal(25, ties.Count(t => t.GetProperty("suppressed").GetBoolean()));
            Assert.All(ties.Where(t => t.GetProperty("suppressed").GetBoolean()), t =>
                Assert.All(Withheld, p => Assert.Equal(JsonValueKind.Null, t.GetProperty(p).ValueKind)));
            Assert.Equal(120, ResponsesCsv.Parse(Wave1).Respondents.Count());
            Assert.Equal(115, summary.GetProperty("respondents").GetInt32());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A copy of rc's ties.csv with its two words as numbers, as the API's JSON has them: band weak 0, moderate 1, strong 2; suppressed 1 or 0.</summary>
    private static string Numeric(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int band = Array.IndexOf(header, "band"), suppressed = Array.IndexOf(header, "suppressed");
        var copy = path + ".numeric.csv";
        File.WriteAllLines(copy, lines.Select((line, i) =>
        {
            var cells = line.Split(',');
            if (i > 0)
            {
                cells[band] = cells[band] switch { "weak" => "0", "moderate" => "1", "strong" => "2", _ => cells[band] };
                cells[suppressed] = cells[suppressed] == "true" ? "1" : "0";
            }

            return string.Join(',', cells);
        }));
        return copy;
    }

    // Each test class has its own fixture, so its own organisation and token.
    private Task<HttpClient> ClientAsync() => ApiSurveys.TokenClientAsync(app, scenario);
}
