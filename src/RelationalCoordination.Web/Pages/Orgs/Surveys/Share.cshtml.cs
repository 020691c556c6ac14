using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>
/// Everything a facilitator hands out: the survey's link, a link per answering role, their QR
/// codes and posters, and single-use invitation codes per role.
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class ShareModel(AppDbContext db, CurrentOrganisation org, AuditLog audit) : PageModel
{
    public const int MaxCodesPerRequest = 1000;

    public const int MaxCodesPerSurvey = 20_000;

    public CurrentOrganisation Org => org;

    public Survey? Survey { get; private set; }

    public IReadOnlyList<ShareLink> Links { get; private set; } = [];

    public IReadOnlyList<(SurveyRole Role, int Generated, int Used)> Codes { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public sealed record ShareLink(string Label, int? Role, string Url);

    public async Task<IActionResult> OnGetAsync(Guid id, string? done) =>
        await LoadAsync(id) ? Show(done) : NotFound();

    /// <summary>The QR code of the survey's link, or of a role's link (<paramref name="role"/> is its link number).</summary>
    public async Task<IActionResult> OnGetQrAsync(Guid id, int? role, string? format, bool download = false)
    {
        if (!await LoadAsync(id) || Links.FirstOrDefault(l => l.Role == role) is not { } link)
        {
            return NotFound();
        }

        var name = download ? $"qr-{Survey!.PublicKey}{(role is null ? "" : $"-{role}")}" : null;
        return format == "png"
            ? File(PublicLinks.QrPng(link.Url), "image/png", name is null ? null : $"{name}.png")
            : File(Encoding.UTF8.GetBytes(PublicLinks.QrSvg(link.Url)), "image/svg+xml", name is null ? null : $"{name}.svg");
    }

    /// <summary>Generates <paramref name="count"/> new codes for one answering role, or for each when <paramref name="role"/> is empty.</summary>
    public async Task<IActionResult> OnPostCodesAsync(Guid id, Guid? role, int? count)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var roles = ModelState["role"] is not { Errors.Count: > 0 } ? Survey!.Roles.Where(r => r.Answers && (role is null || r.Id == role)).ToList() : [];
        var total = Codes.Sum(c => c.Generated) + (roles.Count * (count ?? 0));
        var problem = Survey!.PublicKey is null || Survey.Status != SurveyStatus.Open ? "Invitation codes are for an open survey: open it first."
            : roles.Count == 0 ? "Choose a role that answers the survey."
            : count is not (>= 1 and <= MaxCodesPerRequest) ? $"Number of codes: give a whole number from 1 to {MaxCodesPerRequest:N0}."
            : total > MaxCodesPerSurvey ? $"Number of codes: a survey can have at most {MaxCodesPerSurvey:N0} codes."
            : null;
        if (problem is not null)
        {
            Message = problem;
            Failed = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        foreach (var r in roles)
        {
            for (var i = 0; i < count; i++)
            {
                db.InvitationCodes.Add(new InvitationCode
                {
                    Id = Guid.NewGuid(),
                    SurveyId = id,
                    RoleId = r.Id,
                    Code = RespondentCodes.New(RespondentCodes.InvitationCodeLength),
                });
            }
        }

        audit.Add(org.Id, AuditActions.InvitationCodesCreated, $"{AuditLog.Survey(Survey)}: {roles.Count * count} codes for {string.Join(", ", roles.Select(r => r.Name))}");
        await db.SaveChangesAsync();
        return Redirect($"/orgs/{org.Id}/surveys/{id}/share?done={roles.Count * count}");
    }

    /// <summary>Every code with its role and link, for a mail merge.</summary>
    public async Task<IActionResult> OnGetCodesCsvAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvWriter(text, CsvTextFields.NeutraliseFormulas);
        csv.Row(["role", "code", "link", "used"]);
        foreach (var (role, code) in await CodesAsync(id, unusedOnly: false))
        {
            csv.Field(role.Name).Field(RespondentCodes.Display(code.Code)).Field(CodeLink(code)).Field(code.Used);
            csv.EndRow();
        }

        await audit.RecordAsync(org.Id, AuditActions.InvitationCodesExported, $"{AuditLog.Survey(Survey!)}: CSV");
        return File(new UTF8Encoding(false).GetBytes(text.ToString()), "text/csv; charset=utf-8", $"invitation-codes-{Survey!.PublicKey}.csv");
    }

    public string CodeLink(InvitationCode code) => $"{PublicLinks.Base(Request)}/c/{code.Code}";

    public async Task<IReadOnlyList<(SurveyRole Role, InvitationCode Code)>> CodesAsync(Guid id, bool unusedOnly)
    {
        // A code is used once its response is submitted, even while that response waits to be stored.
        var codes = await db.InvitationCodes.AsNoTracking().Where(c => c.SurveyId == id)
            .Select(c => new InvitationCode { Id = c.Id, SurveyId = c.SurveyId, RoleId = c.RoleId, Code = c.Code, Used = c.Used || db.ResponseDrafts.Any(d => d.InvitationCodeId == c.Id && d.Submitted) })
            .ToListAsync();
        codes = [.. codes.Where(c => !unusedOnly || !c.Used)];
        return [.. Survey!.Roles.SelectMany(r => codes.Where(c => c.RoleId == r.Id).OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => (r, c)))];
    }

    private PageResult Show(string? done)
    {
        if (int.TryParse(done, NumberStyles.None, CultureInfo.InvariantCulture, out var made))
        {
            Message = $"{made:N0} invitation codes generated.";
        }

        return Page();
    }

    internal async Task<bool> LoadAsync(Guid id)
    {
        Survey = await db.FindAsync(org.Id, id);
        if (Survey is null)
        {
            return false;
        }

        if (Survey.PublicKey is { } key)
        {
            var baseUrl = $"{PublicLinks.Base(Request)}/s/{key}";
            Links = [new ShareLink("Everyone (respondents choose their role)", null, baseUrl),
                .. Survey.Roles.Where(r => r.Answers).Select(r => new ShareLink(r.Name, WelcomeModel.LinkNumber(r), $"{baseUrl}/{WelcomeModel.LinkNumber(r)}"))];
        }

        var counts = await db.InvitationCodes.Where(c => c.SurveyId == id).GroupBy(c => c.RoleId)
            .Select(g => new { RoleId = g.Key, Generated = g.Count(), Used = g.Count(c => c.Used || db.ResponseDrafts.Any(d => d.InvitationCodeId == c.Id && d.Submitted)) })
            .ToDictionaryAsync(g => g.RoleId);
        Codes = [.. Survey.Roles.Where(r => r.Answers).Select(r => counts.TryGetValue(r.Id, out var c) ? (r, c.Generated, c.Used) : (r, 0, 0))];
        return true;
    }
}
