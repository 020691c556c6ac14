using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// A colleague who may name roles (a facilitator) names them as spreadsheet formulas, hoping that
/// a change team opens the CSV exports in Excel and the formulas run there (issue 15, item 6). The
/// files are read by Python's csv module and typed as a spreadsheet types a cell: a number if it
/// reads as one, a formula if it begins with = + - @ tab or carriage return, text otherwise.
/// </summary>
public sealed class FormulaInjectionAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private const string Header = "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect";

    // The tab of the last attack name is trimmed away when the role is saved; it stays in the list
    // so that the attack is the one a facilitator would try.
    private static readonly string[] Roles =
        ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-Nurses", "@SUM(A1)", "\tTab", "Sygeplejersker, \"nat\" — Ærø"];

    private static readonly string[] TieNumbers = ["n", "tie_strength", "sd", "ci_low", "ci_high", "frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"];
    private static readonly string[] RoleNumbers = ["respondents", "rc_given", "rc_received", "rc_within", "betweenness", "eigenvector"];
    private static readonly string[] CompareNumbers = ["n_before", "n_after", "before", "after", "change", "t", "df", "p_value", "p_holm", "p_bh"];
    private static readonly string[] ScoreColumns = ["frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"];

    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task Role_names_written_as_formulas_reach_a_spreadsheet_as_text_in_every_results_csv_while_numbers_stay_numbers()
    {
        var (earlier, later) = await TwoClosedWavesAsync("Formulas in results");
        using var api = await scenario.ApiClientAsync("Formula attack");

        using var response = await scenario.Viewer.Http.GetAsync($"{Org}/surveys/{later}/results/export/results.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var files = new Dictionary<string, (string Text, string[] Numbers)>
        {
            ["zip ties.csv"] = (Read(zip, "ties.csv"), TieNumbers),
            ["zip roles.csv"] = (Read(zip, "roles.csv"), RoleNumbers),
            ["zip summary.csv"] = (Read(zip, "summary.csv"), ["value"]),
            ["api ties"] = (await CsvAsync(api, $"/api/v1/surveys/{later}/results/ties"), TieNumbers),
            ["api roles"] = (await CsvAsync(api, $"/api/v1/surveys/{later}/results/roles"), RoleNumbers),
            ["api summary"] = (await CsvAsync(api, $"/api/v1/surveys/{later}/results/summary"), ["value"]),
            ["api compare"] = (await CsvAsync(api, $"/api/v1/surveys/{later}/compare/{earlier}"), CompareNumbers),
        };

        foreach (var (name, (text, numbers)) in files)
        {
            var sheet = Spreadsheet.Open(text);
            AssertNoFormula(name, sheet);
            AssertNumbers(name, sheet, numbers);
        }

        // The attack names arrive as text a spreadsheet shows, behind the quote that stops it.
        var roles = Spreadsheet.Open(files["zip roles.csv"].Text);
        Assert.Equal(
            [.. Roles.Select(r => r.Trim()).Select(r => "=+-@".Contains(r[0], StringComparison.Ordinal) ? "'" + r : r).Order(StringComparer.Ordinal)],
            [.. roles.Column("role").Select(c => c.Value).Order(StringComparer.Ordinal)]);

        // The second wave scored lower: the changes and t values are negative numbers, not text.
        var compare = Spreadsheet.Open(files["api compare"].Text);
        Assert.Contains(compare.Column("change"), c => c.IsNumber && c.Number < 0);
        Assert.Contains(compare.Column("t"), c => c.IsNumber && c.Number < 0);
    }

    [Fact]
    public async Task The_raw_responses_export_reaches_a_spreadsheet_as_text_and_imports_again_with_the_survey_role_names()
    {
        var (_, later) = await TwoClosedWavesAsync("Formulas in responses");
        using var export = await scenario.Owner.Http.GetAsync($"{Org}/surveys/{later}/export/responses.csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var exported = await export.Content.ReadAsStringAsync();

        var sheet = Spreadsheet.Open(exported);
        AssertNoFormula("responses.csv", sheet);
        AssertNumbers("responses.csv", sheet, ScoreColumns);

        // Round trip: the file imports into a new survey of the same roles, names matched as the survey has them.
        var copy = await scenario.OpenSurveyAsync("Formulas imported again", [.. Roles.Select(r => (r, true, true))]);
        var imported = await scenario.ImportAsync(copy, exported);
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Contains($"Imported {Roles.Length * 5} responses", imported.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_codes_of_a_role_named_as_a_formula_reach_a_spreadsheet_as_text()
    {
        var id = await scenario.OpenSurveyAsync("Formulas in codes", [.. Roles.Select(r => (r, true, true))]);
        // The codes are shown once, on the page that generates them; its download posts them back.
        var (_, made) = await GeneratedCodes.GenerateAsync(scenario, id, 2);
        var share = $"{Org}/surveys/{id}/share";
        var codes = await scenario.Facilitator.PostAsync($"{share}?handler=CodesCsv", [KeyValuePair.Create("codes", string.Join(" ", made.Select(c => c.Code)))], share);
        Assert.Equal(HttpStatusCode.OK, codes.Status);
        var sheet = Spreadsheet.Open(codes.Html);   // the body as sent

        AssertNoFormula("invitation codes", sheet);
        Assert.Contains(sheet.Column("role"), c => c.Value == "'=HYPERLINK(\"http://x\",\"y\")");
    }

    private static void AssertNoFormula(string file, Spreadsheet sheet)
    {
        var formulas = sheet.Rows.SelectMany(r => r).Where(c => c.IsFormula).Select(c => c.Value).Distinct().ToList();
        Assert.True(formulas.Count == 0, $"{file}: a spreadsheet would run {string.Join(" | ", formulas)}");
    }

    private static void AssertNumbers(string file, Spreadsheet sheet, string[] columns)
    {
        foreach (var column in columns.Where(c => sheet.Header.Contains(c)))
        {
            var cells = sheet.Column(column).Where(c => c.Value != "").ToList();
            Assert.True(cells.All(c => c.IsNumber), $"{file}: column {column} holds text: {string.Join(" | ", cells.Where(c => !c.IsNumber).Select(c => c.Value))}");
        }
    }

    /// <summary>Two closed waves of the attack roles, the second scored a point lower; their ids.</summary>
    private async Task<(Guid Earlier, Guid Later)> TwoClosedWavesAsync(string title)
    {
        var earlier = await ClosedWaveAsync($"{title} 1", 4);
        var later = await ClosedWaveAsync($"{title} 2", 3);
        await scenario.MakeNextWaveAsync(earlier, later);
        return (earlier, later);
    }

    private async Task<Guid> ClosedWaveAsync(string title, int level)
    {
        var id = await scenario.OpenSurveyAsync(title, [.. Roles.Select(r => (r, true, true))]);
        var imported = await scenario.ImportAsync(id, Responses(level));
        Assert.True(imported.Status == HttpStatusCode.OK, imported.Text);
        var closed = await scenario.Facilitator.PostAsync($"{Org}/surveys/{id}/close", []);
        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        return id;
    }

    /// <summary>Five respondents per role (the minimum group size), each rating every role around <paramref name="level"/>.</summary>
    private static string Responses(int level)
    {
        // The file is written by hand, not by the app's writer: it names the roles as a researcher would.
        var names = Roles.Select(r => r.Trim()).ToArray();
        var csv = new StringBuilder(Header).Append('\n');
        for (var a = 0; a < names.Length; a++)
        {
            for (var j = 0; j < 5; j++)
            {
                foreach (var (target, b) in names.Select((n, i) => (n, i)))
                {
                    var score = level + ((a + b + j) % 2);
                    csv.Append(CultureInfo.InvariantCulture, $"R{a}-{j},{Quote(names[a])},{Quote(target)}");
                    for (var k = 0; k < 7; k++)
                    {
                        csv.Append(CultureInfo.InvariantCulture, $",{score}");
                    }

                    csv.Append('\n');
                }
            }
        }

        return csv.ToString();
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static async Task<string> CsvAsync(HttpClient api, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await api.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>A CSV file as a spreadsheet reads it, by Python's csv module: each cell a number, a formula or text.</summary>
    private sealed record Spreadsheet(string[] Header, List<Cell[]> Rows)
    {
        // A spreadsheet runs a cell beginning with one of these; anything float() reads is a number.
        private const string Script = """
            import csv, json, sys
            def cell(v):
                try:
                    return ["number", v, float(v)]
                except ValueError:
                    return ["formula" if v[:1] in ("=", "+", "-", "@", "\t", "\r") else "text", v, None]
            with open(sys.argv[1], newline="", encoding="utf-8") as f:
                print(json.dumps([[cell(v) for v in row] for row in csv.reader(f)]))
            """;

        public IEnumerable<Cell> Column(string name)
        {
            var index = Array.IndexOf(Header, name);
            Assert.True(index >= 0, $"no column {name} in {string.Join(',', Header)}");
            return Rows.Skip(1).Select(r => r[index]);
        }

        public static Spreadsheet Open(string csv)
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, csv, new UTF8Encoding(false));
                var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add(Script);
                start.ArgumentList.Add(path);
                using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
                var output = python.StandardOutput.ReadToEnd();
                var errors = python.StandardError.ReadToEnd();
                python.WaitForExit();
                Assert.True(python.ExitCode == 0, $"python3's csv module could not read the file: {errors}");
                var rows = JsonSerializer.Deserialize<JsonElement[][][]>(output)!
                    .Select(r => r.Select(c => new Cell(c[0].GetString()!, c[1].GetString()!, c[2].ValueKind == JsonValueKind.Number ? c[2].GetDouble() : null)).ToArray())
                    .ToList();
                return new Spreadsheet([.. rows[0].Select(c => c.Value)], rows);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    private sealed record Cell(string Kind, string Value, double? Number)
    {
        public bool IsFormula => Kind == "formula";

        public bool IsNumber => Kind == "number";
    }
}
