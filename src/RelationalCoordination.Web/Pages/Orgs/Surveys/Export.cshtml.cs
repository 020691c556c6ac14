using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>
/// The raw responses in the import format. Respondent ids are drawn at random for each export and
/// rows come in random order, so nothing in the file points back to a person or a moment.
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class ExportModel(AppDbContext db, CurrentOrganisation org, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var survey = await db.FindAsync(org.Id, id);
        if (survey is null)
        {
            return NotFound();
        }

        var (csv, count) = await RawResponsesCsvAsync(db, survey);
        var fileName = $"responses-{Format.Date(DateTimeOffset.UtcNow)}.csv";
        await audit.RecordAsync(org.Id, AuditActions.ResponsesExported, $"{AuditLog.Survey(survey)}: {fileName}, {count} responses");
        return File(new UTF8Encoding(false).GetBytes(csv), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>The survey's stored responses in the responses format, with fresh random respondent ids.</summary>
    internal static async Task<(string Csv, int Responses)> RawResponsesCsvAsync(AppDbContext db, Survey survey)
    {
        var names = survey.Roles.ToDictionary(r => r.Id, r => r.Name);
        var responses = await db.Responses.AsNoTracking()
            .Where(r => r.SurveyId == survey.Id)
            .Include(r => r.Answers)
            .ToListAsync();

        var respondents = responses
            .Select(r => (Key: RandomNumberGenerator.GetInt32(int.MaxValue), Response: r))
            .OrderBy(x => x.Key)
            .Select((x, i) => x.Response.ToRespondent($"X-{i + 1:D6}", names))
            .ToList();

        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ResponsesCsv.Write(writer, ResponseSet.From(respondents, names.Values), CsvTextFields.NeutraliseFormulas);
        return (writer.ToString(), respondents.Count);
    }
}
