using System.Globalization;

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Features.Results;

/// <summary>
/// The results as an Excel workbook: Summary, a Heatmap coloured by band, Ties, Roles and
/// Dimensions. Anonymous as every other view: a suppressed tie has its two roles and nothing else, not even n.
/// </summary>
public static class ResultsWorkbook
{
    // Cell formats in the stylesheet below: 0 plain, 1 bold, 2–4 weak/moderate/strong fills, 5 "fewer than k" in grey,
    // 6 a score to two decimals, 7 a count, 8 a share as a percentage, 9 wrapped text.
    private const uint Bold = 1, Weak = 2, Moderate = 3, Strong = 4, Muted = 5, Score = 6, Count = 7, Share = 8, Wrapped = 9;

    private static readonly IReadOnlyList<string> TieHeadings =
    [
        "From role", "To role", "Responses (n)", "Tie strength (1–5)", "Standard deviation", "95 % interval, low", "95 % interval, high",
        .. Domain.Instrument.Dimensions.All.Select(d => Domain.Instrument.Dimensions.DisplayName(d)), "Band", "Hidden (fewer than k responses)",
    ];

    private static readonly IReadOnlyList<string> RoleHeadings =
        ["Role", "Respondents", "RC given (1–5)", "RC received (1–5)", "RC within the role (1–5)", "Betweenness", "Eigenvector centrality"];

    private static uint FormatOf(FigureKind kind) => kind switch
    {
        FigureKind.Count => Count,
        FigureKind.Share => Share,
        _ => Score,
    };

    public static byte[] Build(string title, int minGroupSize, IReadOnlyList<string> raters, IReadOnlyList<string> rated, ScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var s = result.Summary;

            Sheet(workbook, "Summary", [
                [Text(title, Bold)],
                [Text($"Anonymous results: ties with fewer than {minGroupSize} responses are not shown.")],
                [],
                [Text("Figure", Bold), Text("Value", Bold), Text("What it means", Bold), Text("Key (as in summary.csv)", Bold)],
                .. FigureGuide.Summary.Select(f => (IEnumerable<Cell>)[
                    Text(f.Label), Number(f.Value(s), FormatOf(f.Kind)), Text(f.Meaning, Wrapped), Text(f.Key, Muted)]),
            ], [44, 12, 70, 24]);

            var ties = result.Ties.ToDictionary(t => (t.FromRole, t.ToRole));
            Sheet(workbook, "Heatmap", [
                [Text("How … experience →", Bold), .. rated.Select(r => Text(r, Bold))],
                .. raters.Select(from => (IEnumerable<Cell>)[Text(from, Bold), .. rated.Select(to =>
                    !ties.TryGetValue((from, to), out var tie) ? Text("")
                    : tie.Suppressed ? Text($"fewer than {minGroupSize}", Muted)
                    : Number(tie.Strength, tie.Band switch { TieBand.Weak => Weak, TieBand.Moderate => Moderate, _ => Strong }))]),
                [],
                [Text("weak (< 3.5)", Weak), Text("moderate", Moderate), Text("strong (≥ 4.0)", Strong)],
            ], [28, .. rated.Select(_ => 14.0)]);

            // Column names as a reader says them; the CSV files keep the machine keys for scripts.
            Sheet(workbook, "Ties", [
                [.. TieHeadings.Select(c => Text(c, Bold))],
                .. result.Ties.Select(t => (IEnumerable<Cell>)[
                    Text(t.FromRole), Text(t.ToRole), Number(t.N, Count), Number(t.Strength, Score), Number(t.StandardDeviation, Score), Number(t.CiLow, Score), Number(t.CiHigh, Score),
                    .. t.DimensionMeans.Select(m => Number(m, Score)), Text(t.Band?.Key() ?? ""), Boolean(t.Suppressed)]),
            ], [28, 28, 10, .. Enumerable.Repeat(12.0, TieHeadings.Count - 3)]);

            Sheet(workbook, "Roles", [
                [.. RoleHeadings.Select(c => Text(c, Bold))],
                .. result.Roles.Select(r => (IEnumerable<Cell>)[
                    Text(r.Role), Number(r.Respondents, Count), Number(r.RcGiven, Score), Number(r.RcReceived, Score), Number(r.RcWithin, Score), Number(r.Betweenness, Score), Number(r.Eigenvector, Score)]),
            ], [28, .. Enumerable.Repeat(14.0, RoleHeadings.Count - 1)]);

            var points = WhereToStart.Analyse(result);
            Sheet(workbook, "Dimensions", [
                [Text("dimension", Bold), Text("mean over shown ties between roles", Bold)],
                .. Domain.Instrument.Dimensions.All.Select(d => (IEnumerable<Cell>)[Text(Domain.Instrument.Dimensions.DisplayName(d)), Number(points.DimensionMeans[(int)d], Score)]),
            ], [36, 16]);
        }

        return stream.ToArray();
    }

    private static void Sheet(WorkbookPart workbook, string name, IEnumerable<IEnumerable<Cell>> rows, IReadOnlyList<double> widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 0;
        foreach (var cells in rows)
        {
            index++;
            var row = new Row { RowIndex = index };
            var column = 0;
            foreach (var cell in cells)
            {
                cell.CellReference = $"{ColumnName(column++)}{index}";
                row.Append(cell);
            }

            data.Append(row);
        }

        // Widths so names and explanations are readable without dragging columns; the header row stays in view.
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
        var view = new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 });
        part.Worksheet = name == "Summary" ? new Worksheet(columns, data) : new Worksheet(view, columns, data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    // A control character typed into a role name cannot be written in XML: it becomes U+FFFD.
    private static Cell Text(string value, uint style = 0) =>
        new(new InlineString(new Text(string.Concat(value.Select(c => System.Xml.XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD'))) { Space = SpaceProcessingModeValues.Preserve }))
        { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(double? value, uint style = 0) =>
        value is { } v ? new Cell(new CellValue(v.ToString("R", CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = style } : Text("", style);

    private static Cell Boolean(bool value) => new(new CellValue(value ? "1" : "0")) { DataType = CellValues.Boolean };

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName((index / 26) - 1) + (char)('A' + (index % 26));

    private static Stylesheet Stylesheet()
    {
        static Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = rgb }) { PatternType = PatternValues.Solid });
        return new Stylesheet(
            new Fonts(new Font(), new Font(new Bold()), new Font(new Color { Rgb = "FF59636E" })) { Count = 3 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFFDB863"), Solid("FFF7F7F7"), Solid("FFB2ABD2"))
            { Count = 5 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { FillId = 2, ApplyFill = true, NumberFormatId = 2, ApplyNumberFormat = true },
                new CellFormat { FillId = 3, ApplyFill = true, NumberFormatId = 2, ApplyNumberFormat = true },
                new CellFormat { FillId = 4, ApplyFill = true, NumberFormatId = 2, ApplyNumberFormat = true },
                new CellFormat { FontId = 2, ApplyFont = true },
                new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true })
            { Count = 10 });
    }
}
