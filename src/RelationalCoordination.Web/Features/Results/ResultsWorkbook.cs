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
    // Cell formats in the stylesheet below: 0 plain, 1 bold, 2–4 weak/moderate/strong fills, 5 "fewer than k" in grey.
    private const uint Bold = 1, Weak = 2, Moderate = 3, Strong = 4, Muted = 5;

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
                [Text("metric", Bold), Text("value", Bold)],
                [Text("respondents"), Number(s.Respondents)], [Text("roles"), Number(s.Roles)], [Text("observations"), Number(s.Observations)],
                [Text("rc_index"), Number(s.RcIndex)], [Text("rc_between"), Number(s.RcBetween)], [Text("rc_within"), Number(s.RcWithin)],
                [Text("cronbach_alpha"), Number(s.CronbachAlpha)], [Text("icc1"), Number(s.Icc1)], [Text("icc2"), Number(s.Icc2)],
                [Text("rwg_j_mean"), Number(s.RwgJMean)], [Text("rwg_j_median"), Number(s.RwgJMedian)],
                [Text("strong_tie_density"), Number(s.StrongTieDensity)], [Text("weak_ties"), Number(s.WeakTies)],
                [Text("mean_reciprocity_gap"), Number(s.MeanReciprocityGap)],
            ]);

            var ties = result.Ties.ToDictionary(t => (t.FromRole, t.ToRole));
            Sheet(workbook, "Heatmap", [
                [Text("How … experience →", Bold), .. rated.Select(r => Text(r, Bold))],
                .. raters.Select(from => (IEnumerable<Cell>)[Text(from, Bold), .. rated.Select(to =>
                    !ties.TryGetValue((from, to), out var tie) ? Text("")
                    : tie.Suppressed ? Text($"fewer than {minGroupSize}", Muted)
                    : Number(tie.Strength, tie.Band switch { TieBand.Weak => Weak, TieBand.Moderate => Moderate, _ => Strong }))]),
                [],
                [Text("weak (< 3.5)", Weak), Text("moderate", Moderate), Text("strong (≥ 4.0)", Strong)],
            ]);

            Sheet(workbook, "Ties", [
                [.. ResultsCsv.TieColumns.Select(c => Text(c, Bold))],
                .. result.Ties.Select(t => (IEnumerable<Cell>)[
                    Text(t.FromRole), Text(t.ToRole), Number(t.N), Number(t.Strength), Number(t.StandardDeviation), Number(t.CiLow), Number(t.CiHigh),
                    .. t.DimensionMeans.Select(m => Number(m)), Text(t.Band?.Key() ?? ""), Text(t.Suppressed ? "true" : "false")]),
            ]);

            Sheet(workbook, "Roles", [
                [.. ResultsCsv.RoleColumns.Select(c => Text(c, Bold))],
                .. result.Roles.Select(r => (IEnumerable<Cell>)[
                    Text(r.Role), Number(r.Respondents), Number(r.RcGiven), Number(r.RcReceived), Number(r.RcWithin), Number(r.Betweenness), Number(r.Eigenvector)]),
            ]);

            var points = WhereToStart.Analyse(result);
            Sheet(workbook, "Dimensions", [
                [Text("dimension", Bold), Text("mean over shown ties between roles", Bold)],
                .. Domain.Instrument.Dimensions.All.Select(d => (IEnumerable<Cell>)[Text(Domain.Instrument.Dimensions.DisplayName(d)), Number(points.DimensionMeans[(int)d])]),
            ]);
        }

        return stream.ToArray();
    }

    private static void Sheet(WorkbookPart workbook, string name, IEnumerable<IEnumerable<Cell>> rows)
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

        part.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    // A control character typed into a role name cannot be written in XML: it becomes U+FFFD.
    private static Cell Text(string value, uint style = 0) =>
        new(new InlineString(new Text(string.Concat(value.Select(c => System.Xml.XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD'))) { Space = SpaceProcessingModeValues.Preserve }))
        { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(double? value, uint style = 0) =>
        value is { } v ? new Cell(new CellValue(v.ToString("R", CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = style } : Text("", style);

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
                new CellFormat { FontId = 2, ApplyFont = true })
            { Count = 6 });
    }
}
