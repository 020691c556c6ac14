using System.Security.Cryptography;
using System.Text;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Responses;

/// <summary>The raw responses as a file, with how many respondents it leaves out.</summary>
public sealed record RawExport(ExportedFile File, int LeftOut);

/// <summary>
/// The raw responses in the import format (the survey page's export, the API's), for owners only
/// and only once the survey is closed (its results published, so the file cannot be differenced
/// against a later state). Respondents of roles with fewer than k respondents are left out — in a
/// role of one, the role column would make the rows that person's answers. Respondent ids are drawn
/// at random for each export and respondents come in random order, so nothing in the file points
/// back to a person or a moment. Every export is audit-logged.
/// </summary>
public sealed class ExportResponses(AppDbContext db, AuditLog audit, TimeProvider clock, SurveyResults results, SurveySeries series)
{
    public const string OwnersOnly = "The raw responses are for the organisation's owners: use an owner's account (or a token an owner created).";

    public async Task<Outcome<RawExport>> RunAsync(Guid organisationId, Guid id, OrgRole caller, bool byteOrderMark = true)
    {
        if (await db.FindAsync(organisationId, id) is not { } survey)
        {
            return Features.Refusal.NotFound();
        }

        if (caller != OrgRole.Owner)
        {
            return Features.Refusal.Forbidden(OwnersOnly);
        }

        if (WhyNot(survey, clock.GetUtcNow()) is { } refusal)
        {
            return Features.Refusal.Conflict(refusal);
        }

        // Published first: a survey closed by its date may still hold submitted answers waiting for
        // a batch, which publishing stores. Read before that, the file would change afterwards.
        await results.EnsurePublishedAsync(survey);
        var export = await RawResponsesCsvAsync(db, survey);
        var fileName = ExportedFile.NameFor(survey.Title, await series.WaveNumberAsync(survey), "responses", "csv", clock.GetUtcNow());
        await audit.RecordAsync(organisationId, AuditActions.ResponsesExported,
            $"{AuditLog.Survey(survey)}: {fileName}, {export.Responses} responses, {export.LeftOut} left out (roles with fewer than {survey.MinGroupSize} respondents)");
        return new RawExport(new ExportedFile(ExportedFile.Utf8Bytes(export.Csv, byteOrderMark), ExportedFile.Csv, fileName), export.LeftOut);
    }

    /// <summary>Why a survey's raw responses cannot be exported now, or null.</summary>
    public static string? WhyNot(Survey survey, DateTimeOffset now) =>
        survey.RawAnswersDeletedOn is not null ? "The raw answers were deleted after the organisation's retention period; only the results are kept."
        : !survey.IsClosedAt(now) ? "Raw responses can be exported once the survey is closed: until then, only response counts are shown."
        : null;

    /// <summary>
    /// The survey's stored responses in the responses format, with fresh random respondent ids and
    /// without the respondents of roles below the minimum group size; how many were written and left out.
    /// </summary>
    public static async Task<(string Csv, int Responses, int LeftOut)> RawResponsesCsvAsync(AppDbContext db, Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var names = survey.Roles.ToDictionary(r => r.Id, r => r.Name);
        var reportedAs = survey.ReportedAs();
        var responses = await db.Responses.AsNoTracking()
            .Where(r => r.SurveyId == survey.Id)
            .Include(r => r.Answers)
            .ToListAsync();
        // As the results report them: a reporting group is one role here too, counted as a whole.
        var reportable = responses.GroupBy(r => reportedAs[r.RoleId]).Where(g => g.Count() >= survey.MinGroupSize).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

        var respondents = responses
            .Where(r => reportable.Contains(reportedAs[r.RoleId]))
            .Select(r => (Key: RandomNumberGenerator.GetInt32(int.MaxValue), Response: r))
            .OrderBy(x => x.Key)
            .Select((x, i) => x.Response.ToRespondent($"X-{i + 1:D6}", names) with { Role = reportedAs[x.Response.RoleId] })
            .ToList();

        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ResponsesCsv.Write(writer, ResponseSet.From(respondents, survey.ReportedRoles.Select(r => r.Name)), CsvTextFields.NeutraliseFormulas);
        return (writer.ToString(), respondents.Count, responses.Count - respondents.Count);
    }
}
