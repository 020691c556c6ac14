using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Xml.Linq;

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Tests.Common;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using Scenario = RelationalCoordination.Web.Tests.Infrastructure.Scenario;

namespace RelationalCoordination.Web.Tests.Pages.Results;

/// <summary>The result files, read back and checked against the engine's anonymous result for the same data.</summary>
public sealed class ExportTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string Wave1 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave1.csv"));

    private readonly Scenario scenario = fixture.Scenario;

    private static ScoringResult Engine() =>
        ScoringEngine.Score(ResponsesCsv.Parse(Wave1, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true));

    [Fact]
    public async Task The_zip_holds_the_engines_anonymous_ties_roles_and_summary_files()
    {
        var id = await ImportedSurveyAsync("Zip");
        using var response = await scenario.Viewer.Http.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results/export/results.zip");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var expected = Engine();

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["roles.csv", "summary.csv", "ties.csv"], zip.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Written(w => ResultsCsv.WriteTies(w, expected.Ties, CsvTextFields.NeutraliseFormulas)), Read(zip, "ties.csv"));
        Assert.Equal(Written(w => ResultsCsv.WriteRoles(w, expected.Roles, CsvTextFields.NeutraliseFormulas)), Read(zip, "roles.csv"));
        // Summary figures pool respondents, and the order of a floating-point sum differs between
        // the file and the database by the last bits: they agree to the method's 1e-9.
        var summary = CsvRecordReader.ReadAll(Read(zip, "summary.csv")).ToList();
        var want = CsvRecordReader.ReadAll(Written(w => ResultsCsv.WriteSummary(w, expected.Summary, CsvTextFields.NeutraliseFormulas))).ToList();
        Assert.Equal(want.Select(r => r[0]), summary.Select(r => r[0]));
        foreach (var (a, b) in want.Skip(1).Zip(summary.Skip(1)))
        {
            Assert.Equal(a[1] == "", b[1] == "");
            if (a[1] != "")
            {
                Assert.Equal(double.Parse(a[1], CultureInfo.InvariantCulture), double.Parse(b[1], CultureInfo.InvariantCulture), 1e-9);
            }
        }

        // A suppressed tie keeps its n and nothing else.
        var suppressed = CsvRecordReader.ReadAll(Read(zip, "ties.csv")).Skip(1).Where(r => r[^1] == "true").ToList();
        Assert.NotEmpty(suppressed);
        Assert.All(suppressed, r => Assert.All(r[3..^1], field => Assert.Equal("", field)));
    }

    [Fact]
    public async Task The_workbook_is_valid_Open_XML_and_holds_the_engines_numbers()
    {
        var id = await ImportedSurveyAsync("Workbook");
        var bytes = await scenario.Viewer.Http.GetByteArrayAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results/export/results.xlsx");
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var expected = Engine();

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Summary", "Heatmap", "Ties", "Roles", "Dimensions"], sheets);

        var ties = Rows(document, "Ties");
        Assert.Equal(expected.Ties.Length, ties.Count - 1);
        foreach (var (tie, row) in expected.Ties.Zip(ties.Skip(1)))
        {
            Assert.Equal([tie.FromRole, tie.ToRole], row[..2]);
            Assert.Equal(tie.N, row[2] == "" ? null : int.Parse(row[2], CultureInfo.InvariantCulture));
            Assert.Equal(tie.Strength is null, row[3] == "");
            if (tie.Strength is { } t)
            {
                Assert.Equal(t, double.Parse(row[3], CultureInfo.InvariantCulture), 1e-9);
                if (tie.Mean(Domain.Instrument.Dimension.MutualRespect) is { } respect)
                {
                    Assert.Equal(respect, double.Parse(row[13], CultureInfo.InvariantCulture), 1e-9);
                }
                else
                {
                    Assert.Equal("", row[13]);   // withheld (decision 25)
                }
            }
        }

        var heatmap = Rows(document, "Heatmap");
        var hidden = expected.Ties.First(t => t.Suppressed);
        var header = heatmap[0];
        var cell = heatmap.Single(r => r.Count > 0 && r[0] == hidden.FromRole)[header.IndexOf(hidden.ToRole)];
        Assert.Equal("fewer than 5", cell);
        var summary = Rows(document, "Summary").Single(r => r.Count > 3 && r[3] == "rc_index");
        Assert.Equal(expected.Summary.RcIndex!.Value, double.Parse(summary[1], CultureInfo.InvariantCulture), 1e-9);
    }

    [Fact]
    public async Task The_GraphML_is_valid_against_the_schema_and_parses_back_to_the_roles_and_the_shown_ties()
    {
        var id = await ImportedSurveyAsync("GraphML");
        using var response = await scenario.Viewer.Http.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results/export/network.graphml");
        var text = await response.Content.ReadAsStringAsync();
        var xml = XDocument.Parse(text);
        XNamespace g = ResultsGraphML.Namespace;
        var expected = Engine();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(GraphMLSchema.Problems(text));
        var graph = xml.Root!.Element(g + "graph")!;
        Assert.Equal("directed", graph.Attribute("edgedefault")!.Value);
        var names = graph.Elements(g + "node").ToDictionary(n => n.Attribute("id")!.Value, n => Data(n, "label"));
        Assert.Equal(expected.Roles.Select(r => r.Role), names.Values);
        var edges = graph.Elements(g + "edge")
            .Select(e => (From: names[e.Attribute("source")!.Value], To: names[e.Attribute("target")!.Value], Weight: double.Parse(Data(e, "weight"), CultureInfo.InvariantCulture)))
            .ToList();
        var shown = expected.Ties.Where(t => !t.Suppressed && !t.IsWithinRole).ToList();
        Assert.Equal(shown.Count, edges.Count);
        foreach (var tie in shown)
        {
            Assert.Equal(tie.Strength!.Value, edges.Single(e => e.From == tie.FromRole && e.To == tie.ToRole).Weight, 1e-9);
        }

        // Every data element refers to a declared key of the right kind.
        var keys = xml.Root.Elements(g + "key").ToDictionary(k => k.Attribute("id")!.Value, k => k.Attribute("for")!.Value);
        Assert.All(graph.Descendants(g + "data"), d => Assert.Equal(d.Parent!.Name.LocalName, keys[d.Attribute("key")!.Value]));
    }

    private async Task<Guid> ImportedSurveyAsync(string title)
    {
        var id = await scenario.OpenSurveyAsync(title, [.. ImportExportTests.HospitalRoles.Select(r => (r, true, true))]);
        Assert.Equal(HttpStatusCode.OK, (await scenario.ImportAsync(id, Wave1)).Status);
        await scenario.CloseSurveyAsync(id);
        return id;
    }

    private static string Written(Action<TextWriter> write)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(writer);
        return writer.ToString();
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static string Data(XElement element, string key) =>
        element.Elements(XName.Get("data", ResultsGraphML.Namespace)).Single(d => d.Attribute("key")!.Value == key).Value;

    /// <summary>A sheet's cells as text, row by row (inline strings and numbers as written).</summary>
    private static List<List<string>> Rows(SpreadsheetDocument document, string sheet)
    {
        var workbook = document.WorkbookPart!;
        var id = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        var part = (WorksheetPart)workbook.GetPartById(id);
        return [.. part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToList())];
    }
}
