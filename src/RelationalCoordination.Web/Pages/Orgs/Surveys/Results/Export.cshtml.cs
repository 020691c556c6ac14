using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// The results as files for a change team's own tools — the CSV files of the formats in a zip, an
/// Excel workbook, the role network as GraphML — all as anonymous as the pages.
/// </summary>
public sealed class ExportModel(AppDbContext db, CurrentOrganisation org, SurveyResults results, TimeProvider clock, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string file)
    {
        if (await db.FindAsync(org.Id, id) is not { } survey)
        {
            return NotFound();
        }

        if (file is not ("results.zip" or "results.xlsx" or "network.graphml"))
        {
            return NotFound();
        }

        if (await results.ForAsync(survey) is not { } result)
        {
            return Redirect($"/orgs/{org.Id}/surveys/{id}/results");   // it says why there are no results yet
        }

        await audit.RecordAsync(org.Id, AuditActions.ResultsExported, $"{AuditLog.Survey(survey)}: {file}");
        var stem = $"results-{Format.Date(clock.GetUtcNow())}";
        switch (file)
        {
            case "results.zip":
                using (var zip = new MemoryStream())
                {
                    using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        AddResults(archive, "", result);
                    }

                    return File(zip.ToArray(), "application/zip", $"{stem}.zip");
                }

            case "results.xlsx":
                var workbook = ResultsWorkbook.Build(survey.Title, survey.MinGroupSize,
                    [.. survey.Roles.Where(r => r.Answers).Select(r => r.Name)], [.. survey.Roles.Where(r => r.IsRated).Select(r => r.Name)], result);
                return File(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{stem}.xlsx");
            case "network.graphml":
                var graph = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                ResultsGraphML.Write(graph, result);
                return File(new UTF8Encoding(false).GetBytes(graph.ToString()), "application/graphml+xml", $"network-{Format.Date(clock.GetUtcNow())}.graphml");
            default:
                return NotFound();
        }
    }

    /// <summary>
    /// The results' CSV files of formats.md (ties, roles, summary) in a zip, under <paramref name="folder"/>;
    /// role names that a spreadsheet would run as formulas get a leading quote (decision 13).
    /// </summary>
    internal static void AddResults(ZipArchive archive, string folder, ScoringResult result)
    {
        Add(archive, $"{folder}ties.csv", w => ResultsCsv.WriteTies(w, result.Ties, CsvTextFields.NeutraliseFormulas));
        Add(archive, $"{folder}roles.csv", w => ResultsCsv.WriteRoles(w, result.Roles, CsvTextFields.NeutraliseFormulas));
        Add(archive, $"{folder}summary.csv", w => ResultsCsv.WriteSummary(w, result.Summary, CsvTextFields.NeutraliseFormulas));
    }

    /// <summary>A UTF-8 text file (no BOM) in a zip.</summary>
    internal static void Add(ZipArchive archive, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
        write(writer);
    }
}
