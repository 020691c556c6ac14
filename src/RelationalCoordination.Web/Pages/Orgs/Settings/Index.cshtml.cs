using System.IO.Compression;
using System.Text.Json;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Organisations;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Orgs.Surveys;
using RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

namespace RelationalCoordination.Web.Pages.Orgs.Settings;

/// <summary>The organisation's data: how long raw answers are kept, an export of everything, and deleting it all. For owners.</summary>
[RequiresRole(OrgRole.Owner)]
public sealed partial class IndexModel(AppDbContext db, Features.Responding.SurveyDefinitions definitions, CurrentOrganisation org, SurveyResults results, AuditLog audit, TimeProvider clock, ILogger<IndexModel> log, IStringLocalizer<SharedResource> texts) : PageModel
{
    public const int MaxRetentionMonths = 120;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public CurrentOrganisation Org => org;

    public int? RetentionMonths { get; private set; }

    public int Surveys { get; private set; }

    public int Responses { get; private set; }

    public string? RetentionProblem { get; private set; }

    /// <summary>The languages (codes) the organisation has its own item wording in.</summary>
    public IReadOnlyList<string> OwnWording { get; private set; } = [];

    public string? DeleteProblem { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool? saved)
    {
        Saved = saved == true;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostRetentionAsync(string? months)
    {
        int? value = null;
        if (!string.IsNullOrWhiteSpace(months))
        {
            if (!int.TryParse(months.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                || parsed is < 1 or > MaxRetentionMonths)
            {
                RetentionProblem = texts.GetString("Keep raw answers for: give a whole number of months from 1 to {0}, or leave it empty to keep them.", MaxRetentionMonths);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                await LoadAsync();
                return Page();
            }

            value = parsed;
        }

        var organisation = await db.Organisations.SingleAsync(o => o.Id == org.Id);
        organisation.RetentionMonths = value;
        audit.Add(org.Id, AuditActions.RetentionChanged, value is null ? "kept until the survey is deleted" : $"{value} months after a survey closes");
        await db.SaveChangesAsync();
        return RedirectToPage("/Orgs/Settings/Index", new { orgId = org.Id, saved = "true" });   // a string: a bool would be written True
    }

    /// <summary>Everything of the organisation in one zip: settings, members, tokens, surveys with raw responses and results, the audit log.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == org.Id);
        var members = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == org.Id)
            .OrderBy(m => m.User!.Email).Select(m => new { email = m.User!.Email, role = m.Role.ToString(), joined = m.CreatedAt }).ToListAsync();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.OrganisationId == org.Id)
            .OrderBy(t => t.CreatedAt).Select(t => new { name = t.Name, created = t.CreatedAt, revoked = t.RevokedAt }).ToListAsync();
        var surveyIds = await db.Surveys.AsNoTracking().Where(s => s.OrganisationId == org.Id).OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync();
        audit.Add(org.Id, AuditActions.OrganisationExported, $"{surveyIds.Count} surveys");
        await db.SaveChangesAsync();

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var surveys = new List<object>();
            var n = 0;
            foreach (var id in surveyIds)
            {
                var survey = (await db.FindAsync(org.Id, id))!;
                var folder = $"surveys/{++n:D3}";
                surveys.Add(new
                {
                    folder,
                    id = survey.Id,
                    title = survey.Title,
                    workProcess = survey.WorkProcess,
                    status = survey.Status.ToString().ToLowerInvariant(),
                    minimumGroupSize = survey.MinGroupSize,
                    frequencyVariant = survey.FrequencyVariant.ToString().ToLowerInvariant(),
                    opensAt = survey.OpensAt,
                    closesAt = survey.ClosesAt,
                    previousWaveId = survey.PreviousWaveId,
                    rawAnswersDeletedOn = survey.RawAnswersDeletedOn,
                    itemWording = survey.ItemWordings.Select(ItemWordingJson),
                    roles = survey.Roles.Select(r => new { name = r.Name, description = r.Description, answers = r.Answers, rated = r.IsRated, expectedHeadcount = r.ExpectedHeadcount, boundarySpanner = r.IsBoundarySpanner, kind = r.Kind.Key() }),
                });
                if (await results.ForAsync(survey) is { } published)
                {
                    Features.Results.ExportResults.AddResults(archive, $"{folder}/", published, byteOrderMark: true);
                }

                // The same rules as a survey's raw export: closed surveys only, roles below k left out.
                if (Features.Responses.ExportResponses.WhyNot(survey, clock.GetUtcNow()) is null)
                {
                    var (csv, _, _) = await Features.Responses.ExportResponses.RawResponsesCsvAsync(db, survey);
                    Features.Results.ExportResults.Add(archive, $"{folder}/responses.csv", w => w.Write(csv), byteOrderMark: true);
                }
            }

            Features.Results.ExportResults.Add(archive, "organisation.json", w => w.Write(JsonSerializer.Serialize(new
            {
                name = organisation.Name,
                created = organisation.CreatedAt,
                exported = clock.GetUtcNow(),
                retentionMonths = organisation.RetentionMonths,
                itemWording = organisation.ItemWordings.Select(ItemWordingJson),
                members,
                apiTokens = tokens,
                surveys,
            }, Json)));
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.OrganisationId == org.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
            Features.Results.ExportResults.Add(archive, "audit.csv", w =>
            {
                var csv = new CsvWriter(w, CsvTextFields.NeutraliseFormulas);
                csv.Row(["at", "actor", "action", "subject"]);
                foreach (var e in entries)
                {
                    csv.Row([e.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), e.Actor, e.Action, e.Subject]);
                }
            }, byteOrderMark: true);
        }

        return File(zip.ToArray(), "application/zip", $"organisation-{Format.Date(clock.GetUtcNow())}.zip");
    }

    /// <summary>Deletes the organisation with every survey, response, member's access, token and log entry; the owner types its name to confirm.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string? confirmName)
    {
        if (confirmName?.Trim() != org.Name)
        {
            DeleteProblem = texts.Translate("To confirm, type the organisation's name exactly as it is shown.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var surveyIds = await db.Surveys.Where(s => s.OrganisationId == org.Id).Select(s => s.Id).ToListAsync();
        foreach (var id in surveyIds)
        {
            await SurveyDeletion.DeleteAsync(db, definitions, id);
        }

        await db.Organisations.Where(o => o.Id == org.Id).ExecuteDeleteAsync();   // members, invitations, tokens, audit log: by cascade
        await transaction.CommitAsync();
        LogDeleted(log, org.Id, surveyIds.Count, User.Identity?.Name ?? "?");
        return RedirectToPage("/Orgs/Index", new { deleted = 1 });
    }

    private static object ItemWordingJson(ItemWording w) => new { language = w.Language, item = w.Item, wording = w.Wording, options = w.Options };

    private async Task LoadAsync()
    {
        RetentionMonths = await db.Organisations.Where(o => o.Id == org.Id).Select(o => o.RetentionMonths).SingleAsync();
        OwnWording = [.. (await db.Organisations.AsNoTracking().Where(o => o.Id == org.Id).Select(o => o.ItemWordings).SingleAsync()).Select(w => w.Language).Distinct()];
        Surveys = await db.Surveys.CountAsync(s => s.OrganisationId == org.Id);
        Responses = await db.Responses.CountAsync(r => db.Surveys.Any(s => s.Id == r.SurveyId && s.OrganisationId == org.Id));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Organisation {OrganisationId} deleted with {Surveys} surveys by {User}")]
    private static partial void LogDeleted(ILogger logger, Guid organisationId, int surveys, string user);
}
