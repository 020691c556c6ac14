using System.IO.Compression;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Results;

/// <summary>
/// The results as files for a change team's own tools (the results page's downloads, the API's):
/// the CSV files of the formats in a zip, an Excel workbook, the role network as GraphML — all as
/// anonymous as the pages, and only once the survey is closed. Every export is audit-logged.
/// </summary>
public sealed class ExportResults(AppDbContext db, SurveyResults results, SurveySeries series, TimeProvider clock, AuditLog audit)
{
    // A closed survey's results never change, and building its workbook took 200 ms at 40 roles:
    // each workbook is kept beside the results it was built from (held by ResultsCache), and goes
    // when they go. The key holds everything else the workbook shows.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ScoringResult, System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>> Workbooks = [];

    /// <summary>The files there are, by the name a request gives.</summary>
    public static readonly IReadOnlyList<string> Files = ["results.zip", "results.xlsx", "network.graphml"];

    /// <param name="byteOrderMark">Whether the zip's CSV files start with UTF-8's byte-order mark, for Excel.</param>
    public async Task<Outcome<ExportedFile>> RunAsync(Guid organisationId, Guid id, string file, bool byteOrderMark = true)
    {
        if (await db.FindAsync(organisationId, id) is not { } survey || !Files.Contains(file))
        {
            return Refusal.NotFound(Refusal.NoSuchSurvey + $" (or no such file: {string.Join(", ", Files)})");
        }

        if (await results.ForAsync(survey) is not { } result)
        {
            return Refusal.Conflict(SurveyResults.NotYet);
        }

        await audit.RecordAsync(organisationId, AuditActions.ResultsExported, $"{AuditLog.Survey(survey)}: {file}");
        var wave = await series.WaveNumberAsync(survey);
        string Name(string what, string extension) => ExportedFile.NameFor(survey.Title, wave, what, extension, clock.GetUtcNow());
        switch (file)
        {
            case "results.zip":
                using (var zip = new MemoryStream())
                {
                    using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        AddResults(archive, "", result, byteOrderMark);
                    }

                    return new ExportedFile(zip.ToArray(), "application/zip", Name("results", "zip"));
                }

            case "results.xlsx":
                string[] raters = [.. survey.ReportedRoles.Where(r => r.Answers).Select(r => r.Name)];
                string[] rated = [.. survey.ReportedRoles.Where(r => r.IsRated).Select(r => r.Name)];
                var workbook = Workbooks.GetValue(result, _ => new()).GetOrAdd(
                    string.Join('\u001F', [survey.Title, survey.MinGroupSize.ToString(System.Globalization.CultureInfo.InvariantCulture), .. raters, "", .. rated]),
                    _ => ResultsWorkbook.Build(survey.Title, survey.MinGroupSize, raters, rated, result));
                return new ExportedFile(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Name("results", "xlsx"));
            default:
                using (var graph = new MemoryStream())
                {
                    ResultsGraphML.Write(graph, result);
                    return new ExportedFile(graph.ToArray(), "application/graphml+xml", Name("network", "graphml"));
                }
        }
    }

    /// <summary>
    /// The results' CSV files of formats.md (ties, roles, summary) in a zip, under <paramref name="folder"/>;
    /// role names that a spreadsheet would run as formulas get a leading quote (decision 13).
    /// </summary>
    public static void AddResults(ZipArchive archive, string folder, ScoringResult result, bool byteOrderMark)
    {
        ArgumentNullException.ThrowIfNull(result);
        Add(archive, $"{folder}ties.csv", w => ResultsCsv.WriteTies(w, result.Ties, CsvTextFields.NeutraliseFormulas), byteOrderMark);
        Add(archive, $"{folder}roles.csv", w => ResultsCsv.WriteRoles(w, result.Roles, CsvTextFields.NeutraliseFormulas), byteOrderMark);
        Add(archive, $"{folder}summary.csv", w => ResultsCsv.WriteSummary(w, result.Summary, CsvTextFields.NeutraliseFormulas), byteOrderMark);
    }

    /// <summary>A UTF-8 text file in a zip, with the byte-order mark when asked (see <see cref="ExportedFile.Utf8"/>).</summary>
    public static void Add(ZipArchive archive, string name, Action<TextWriter> write, bool byteOrderMark = false)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(write);
        var entry = archive.CreateEntry(name);
        // A fixed time: the same results export to the same bytes, whatever second they are asked for.
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var writer = new StreamWriter(entry.Open(), ExportedFile.Utf8(byteOrderMark));
        write(writer);
    }
}
