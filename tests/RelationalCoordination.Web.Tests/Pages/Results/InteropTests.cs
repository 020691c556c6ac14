using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using Scenario = RelationalCoordination.Web.Tests.Infrastructure.Scenario;

namespace RelationalCoordination.Web.Tests.Pages.Results;

/// <summary>
/// The result files opened with the tools change teams use — R igraph, Python networkx, openpyxl,
/// R's read.csv — not with the .NET code that wrote them. Role names are Danish, with an emoji,
/// a comma and quotes, so an encoding that is declared one way and written another fails here.
/// </summary>
public sealed partial class InteropTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["Physicians"] = "Læger",
        ["Nurses"] = "Sygeplejersker 👩‍⚕️",
        ["Pharmacists"] = "Farmaceuter, \"nat\"",
    };

    private static readonly string[] Roles = [.. ImportExportTests.HospitalRoles.Select(r => Renamed.GetValueOrDefault(r, r))];

    private static readonly string Wave1 = RenameRoles(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave1.csv")));

    private readonly Scenario scenario = fixture.Scenario;

    private static ScoringResult Engine() => ScoringEngine.Score(ResponsesCsv.Parse(Wave1, Roles), new ScoringOptions(5, anonymous: true));

    [Fact]
    public async Task The_GraphML_is_read_by_R_igraph_with_every_role_and_shown_tie()
    {
        var file = await DownloadAsync("network.graphml");
        var expected = Engine();
        var shown = expected.Ties.Where(t => !t.Suppressed && !t.IsWithinRole).ToList();

        var output = await ExternalTool.RunAsync(ExternalTool.R, """
            suppressMessages(library(igraph))
            g <- read_graph(commandArgs(TRUE)[1], format = "graphml")
            cat(vcount(g), ecount(g), is_directed(g), sprintf("%.12f", sum(E(g)$tie_strength)), "\n")
            writeLines(V(g)$label)
            """, file);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var figures = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Roles.Length.ToString(CultureInfo.InvariantCulture), figures[0]);
        Assert.Equal(shown.Count.ToString(CultureInfo.InvariantCulture), figures[1]);
        Assert.Equal("TRUE", figures[2]);
        Assert.Equal(shown.Sum(t => t.Strength!.Value), double.Parse(figures[3], CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal(expected.Roles.Select(r => r.Role).Order(StringComparer.Ordinal), lines[1..].Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_GraphML_is_read_by_Python_networkx_with_every_role_and_shown_tie()
    {
        var file = await DownloadAsync("network.graphml");
        var expected = Engine();
        var shown = expected.Ties.Where(t => !t.Suppressed && !t.IsWithinRole).ToList();

        var output = await ExternalTool.RunAsync(ExternalTool.Python, """
            import sys, json, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            labels = {n: d["label"] for n, d in g.nodes(data=True)}
            edges = [[labels[a], labels[b], d["tie_strength"]] for a, b, d in g.edges(data=True)]
            print(json.dumps({"directed": g.is_directed(), "labels": sorted(labels.values()), "edges": edges}))
            """, file);

        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("directed").GetBoolean());
        Assert.Equal(expected.Roles.Select(r => r.Role).Order(StringComparer.Ordinal),
            json.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).Order(StringComparer.Ordinal));
        var edges = json.RootElement.GetProperty("edges").EnumerateArray()
            .ToDictionary(e => (e[0].GetString()!, e[1].GetString()!), e => e[2].GetDouble());
        Assert.Equal(shown.Count, edges.Count);
        Assert.All(shown, t => Assert.Equal(t.Strength!.Value, edges[(t.FromRole, t.ToRole)], 1e-9));
    }

    [Fact]
    public async Task The_workbook_opens_in_openpyxl_with_numbers_as_numbers_readable_names_and_number_formats()
    {
        var file = await DownloadAsync("results.xlsx");
        var expected = Engine();

        var output = await ExternalTool.RunAsync(ExternalTool.Python, """
            import sys, json, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            summary = {r[3].value: {"label": r[0].value, "value": r[1].value, "format": r[1].number_format}
                       for r in wb["Summary"].iter_rows(min_row=5) if r[3].value}
            ties = wb["Ties"]
            header = [c.value for c in ties[1]]
            rows = [[c.value for c in r] for r in ties.iter_rows(min_row=2)]
            print(json.dumps({"sheets": wb.sheetnames, "summary": summary, "header": header,
                              "strength_format": ties["D2"].number_format, "rows": rows}))
            """, file);

        using var json = System.Text.Json.JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["Summary", "Heatmap", "Ties", "Roles", "Dimensions"], root.GetProperty("sheets").EnumerateArray().Select(s => s.GetString()));
        var rcIndex = root.GetProperty("summary").GetProperty("rc_index");
        Assert.Equal("RC index (1–5)", rcIndex.GetProperty("label").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, rcIndex.GetProperty("value").ValueKind);
        Assert.Equal(expected.Summary.RcIndex!.Value, rcIndex.GetProperty("value").GetDouble(), 1e-9);
        Assert.Equal("0.00", rcIndex.GetProperty("format").GetString());
        Assert.Equal("0%", root.GetProperty("summary").GetProperty("strong_tie_density").GetProperty("format").GetString());
        Assert.Equal("From role", root.GetProperty("header")[0].GetString());
        Assert.Equal("Tie strength (1–5)", root.GetProperty("header")[3].GetString());
        Assert.Equal("0.00", root.GetProperty("strength_format").GetString());

        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(expected.Ties.Length, rows.Count);
        foreach (var (tie, row) in expected.Ties.Zip(rows))
        {
            Assert.Equal(tie.FromRole, row[0].GetString());
            Assert.Equal(tie.Suppressed, row[row.GetArrayLength() - 1].GetBoolean());
            if (tie.Strength is { } strength)
            {
                Assert.Equal(strength, row[3].GetDouble(), 1e-9);
            }
        }
    }

    [Fact]
    public async Task The_zips_CSV_files_carry_a_byte_order_mark_and_R_read_csv_reads_them_whole()
    {
        var zip = await DownloadAsync("results.zip");
        var folder = Directory.CreateTempSubdirectory("rc-zip-").FullName;
        ZipFile.ExtractToDirectory(zip, folder);
        var expected = Engine();

        var output = await ExternalTool.RunAsync(ExternalTool.R, """
            ties <- read.csv(file.path(commandArgs(TRUE)[1], "ties.csv"), encoding = "UTF-8", check.names = FALSE)
            cat(names(ties)[1], nrow(ties), sprintf("%.12f", sum(ties$tie_strength, na.rm = TRUE)), "\n")
            writeLines(sort(unique(ties$from_role)))
            """, folder);

        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(Path.Combine(folder, "ties.csv"))[..3]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var figures = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("from_role", figures[0]);
        Assert.Equal(expected.Ties.Length.ToString(CultureInfo.InvariantCulture), figures[1]);
        Assert.Equal(expected.Ties.Sum(t => t.Strength ?? 0), double.Parse(figures[2], CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal(expected.Ties.Select(t => t.FromRole).Distinct().Order(StringComparer.Ordinal), lines[1..].Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_the_byte_order_mark_when_asked_the_zips_CSV_files_start_with_their_header()
    {
        var zip = await DownloadAsync("results.zip", "?bom=false");
        using var archive = ZipFile.OpenRead(zip);
        using var stream = archive.GetEntry("ties.csv")!.Open();
        var start = new byte[9];
        stream.ReadExactly(start);

        Assert.Equal("from_role"u8.ToArray(), start);
    }

    [Fact]
    public async Task Every_download_is_named_after_its_survey_and_wave()
    {
        var id = await ImportedSurveyAsync("Udskrivelse af patient: Læger & co");
        var names = new List<string>();
        foreach (var file in new[] { "results.xlsx", "results.zip", "network.graphml" })
        {
            using var response = await scenario.Viewer.Http.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results/export/{file}");
            names.Add(response.Content.Headers.ContentDisposition!.FileNameStar!);
        }

        using (var svg = await scenario.Viewer.Http.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results/network?handler=svg"))
        {
            names.Add(svg.Content.Headers.ContentDisposition!.FileNameStar!);
        }

        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(
            [$"udskrivelse-af-patient-læger-co-wave-1-results-{day}.xlsx", $"udskrivelse-af-patient-læger-co-wave-1-results-{day}.zip",
             $"udskrivelse-af-patient-læger-co-wave-1-network-{day}.graphml", $"udskrivelse-af-patient-læger-co-wave-1-network-{day}.svg"],
            names);
    }

    private async Task<string> DownloadAsync(string file, string query = "")
    {
        var id = await ImportedSurveyAsync($"Interop {file}");
        using var response = await scenario.Viewer.Http.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results/export/{file}{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(Directory.CreateTempSubdirectory("rc-interop-").FullName, file);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    private async Task<Guid> ImportedSurveyAsync(string title)
    {
        var id = await scenario.OpenSurveyAsync(title, [.. Roles.Select(r => (r, true, true))]);
        Assert.Equal(HttpStatusCode.OK, (await scenario.ImportAsync(id, Wave1)).Status);
        await scenario.CloseSurveyAsync(id);
        return id;
    }

    // The reference file has no quoted fields, so its roles can be renamed field by field.
    private static string RenameRoles(string csv) =>
        FieldPattern().Replace(csv, m => Renamed.TryGetValue(m.Value, out var name) ? CsvField(name) : m.Value);

    private static string CsvField(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    [GeneratedRegex("(?<=^|,)[^,\\r\\n]+(?=,|\\r?$)", RegexOptions.Multiline)]
    private static partial Regex FieldPattern();
}
