using System.Globalization;
using System.Text;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>
/// Everything a facilitator hands out: the survey's link, a link per answering role, their QR
/// codes and posters, and single-use invitation codes per role. The app stores only keyed hashes
/// of the codes, so it shows a batch of codes once, in the answer to generating them: its CSV and
/// slips are made from the codes that page sends back, and no page lists the survey's codes later.
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class ShareModel(AppDbContext db, CurrentOrganisation org, AuditLog audit, KeyedHash keyed, SurveySeries series, TimeProvider clock, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    public const int MaxCodesPerRequest = 1000;

    public const int MaxCodesPerSurvey = 20_000;

    public CurrentOrganisation Org => org;

    public IReadOnlyList<ShareLink> Links { get; private set; } = [];

    public IReadOnlyList<(SurveyRole Role, int Generated, int Used)> Codes { get; private set; } = [];

    /// <summary>The codes just generated, shown this once.</summary>
    public IReadOnlyList<(SurveyRole Role, string Code)> Created { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public sealed record ShareLink(string Label, int? Role, string Url);

    public Task OnGetAsync() => LoadAsync();

    /// <summary>The QR code of the survey's link, or of a role's link (<paramref name="role"/> is its link number).</summary>
    public async Task<IActionResult> OnGetQrAsync(int? role, string? format, bool download = false)
    {
        await LoadAsync();
        if (Links.FirstOrDefault(l => l.Role == role) is not { } link)
        {
            return NotFound();
        }

        var name = download ? $"qr-{Survey.PublicKey}{(role is null ? "" : $"-{role}")}" : null;
        return format == "png"
            ? File(PublicLinks.QrPng(link.Url), "image/png", name is null ? null : $"{name}.png")
            : File(Encoding.UTF8.GetBytes(PublicLinks.QrSvg(link.Url)), "image/svg+xml", name is null ? null : $"{name}.svg");
    }

    /// <summary>Generates <paramref name="count"/> new codes for one answering role, or for each when <paramref name="role"/> is empty.</summary>
    public async Task<IActionResult> OnPostCodesAsync(Guid? role, int? count)
    {
        await LoadAsync();
        var roles = ModelState["role"] is not { Errors.Count: > 0 } ? Survey.Roles.Where(r => r.Answers && (role is null || r.Id == role)).ToList() : [];
        var total = Codes.Sum(c => c.Generated) + (roles.Count * (count ?? 0));
        var problem = Survey.PublicKey is null || Survey.Status != SurveyStatus.Open ? texts.Translate("Invitation codes are for an open survey: open it first.")
            : roles.Count == 0 ? texts.Translate("Choose a role that answers the survey.")
            : count is not (>= 1 and <= MaxCodesPerRequest) ? texts.GetString("Number of codes: give a whole number from 1 to {0}.", MaxCodesPerRequest.ToString("N0", CultureInfo.InvariantCulture)).Value
            : total > MaxCodesPerSurvey ? texts.GetString("Number of codes: a survey can have at most {0} codes.", MaxCodesPerSurvey.ToString("N0", CultureInfo.InvariantCulture)).Value
            : null;
        if (problem is not null)
        {
            Message = problem;
            Failed = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var created = new List<(SurveyRole Role, string Code)>();
        foreach (var r in roles)
        {
            for (var i = 0; i < count; i++)
            {
                var code = RespondentCodes.New(RespondentCodes.InvitationCodeLength);
                created.Add((r, code));
                db.InvitationCodes.Add(new InvitationCode { Id = Guid.NewGuid(), SurveyId = Survey.Id, RoleId = r.Id, CodeHash = keyed.Hash(code) });
            }
        }

        audit.Add(org.Id, AuditActions.InvitationCodesCreated, $"{AuditLog.Survey(Survey)}: {roles.Count * count} codes for {string.Join(", ", roles.Select(r => r.Name))}");
        await db.SaveChangesAsync();
        // Answered here, not by a redirect: this is the only time the codes exist outside the
        // facilitator's hands.
        await LoadAsync();
        Created = [.. created.OrderBy(c => c.Role.Position).ThenBy(c => c.Code, StringComparer.Ordinal)];
        Message = texts.GetString("{0} invitation codes generated. They are shown only now: download or print them before you leave this page.", created.Count.ToString("N0", CultureInfo.InvariantCulture));
        // Not kept by the browser. Said as antiforgery says it for a page with a form, which otherwise
        // overrides the header and logs a warning every time.
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        return Page();
    }

    /// <summary>
    /// The codes the page of a new batch sends back (<paramref name="codes"/>, separated by spaces),
    /// with their role, link and whether they were used, for a mail merge. Only codes of this survey:
    /// whoever holds them may learn which were used — who took part — but nothing more.
    /// </summary>
    public async Task<IActionResult> OnPostCodesCsvAsync(string? codes)
    {
        await LoadAsync();
        var (found, problem) = await CodesAsync(codes);
        if (problem is not null)
        {
            return Refuse(texts.Translate(problem));
        }

        var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvWriter(text, CsvTextFields.NeutraliseFormulas);
        csv.Row(["role", "code", "link", "used"]);
        foreach (var (role, code, used) in found)
        {
            csv.Field(role.Name).Field(RespondentCodes.Display(code)).Field(CodeLink(code)).Field(used);
            csv.EndRow();
        }

        await audit.RecordAsync(org.Id, AuditActions.InvitationCodesExported, $"{AuditLog.Survey(Survey)}: CSV of {found.Count} codes");
        Response.Headers.CacheControl = "no-store";
        return File(ExportedFile.Utf8Bytes(text.ToString(), byteOrderMark: true), ExportedFile.Csv,
            ExportedFile.NameFor(Survey.Title, await series.WaveNumberAsync(Survey), "invitation-codes", "csv", clock.GetUtcNow()));
    }

    /// <summary>
    /// The QR code of a link, as an image or a download: a method, not a tag helper, as an img
    /// shows it too. The handler comes first in the query, as it always did.
    /// </summary>
    public string? QrUrl(ShareLink link, string format, bool download = false) =>
        Url.Page("/Orgs/Surveys/Share", new { orgId = Survey.OrganisationId, id = Survey.Id, handler = "Qr", role = link.Role, format, download = download ? "true" : null });

    public string CodeLink(string code) => $"{PublicLinks.Base(Request)}/c/{code}";

    /// <summary>
    /// The codes of <paramref name="text"/> (as the facilitator holds them: any spacing, case or
    /// dashes) with their role and use, in the order given; or what is wrong, when one is not a code
    /// of this survey — the app cannot list codes, only recognise them.
    /// </summary>
    internal async Task<(IReadOnlyList<(SurveyRole Role, string Code, bool Used)> Codes, string? Problem)> CodesAsync(string? text)
    {
        var given = (text ?? "").Split([' ', ',', ';', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (given.Length == 0)
        {
            return ([], "No codes were sent: invitation codes are shown once, when they are generated; generate new ones.");
        }

        if (given.Length > MaxCodesPerSurvey)
        {
            return ([], $"At most {MaxCodesPerSurvey:N0} codes at a time.");
        }

        var canonical = new List<string>(given.Length);
        foreach (var code in given)
        {
            if (RespondentCodes.Normalize(code, RespondentCodes.InvitationCodeLength) is not { } c)
            {
                return ([], $"“{(code.Length > 20 ? code[..20] + "…" : code)}” is not an invitation code.");
            }

            canonical.Add(c);
        }

        var hashes = canonical.Distinct(StringComparer.Ordinal).ToDictionary(c => keyed.Hash(c), c => c);
        var keys = hashes.Keys.ToArray();
        // A code is used once its response is submitted, even while that response waits to be stored.
        var rows = await db.InvitationCodes.AsNoTracking().Where(c => c.SurveyId == Survey.Id && keys.Contains(c.CodeHash))
            .Select(c => new { c.CodeHash, c.RoleId, Used = c.Used || db.ResponseDrafts.Any(d => d.InvitationCodeId == c.Id && d.Submitted) })
            .ToDictionaryAsync(c => hashes[c.CodeHash], StringComparer.Ordinal);
        if (canonical.FirstOrDefault(c => !rows.ContainsKey(c)) is { } unknown)
        {
            return ([], $"{RespondentCodes.Display(unknown)} is not an invitation code of this survey.");
        }

        var roles = Survey.Roles.ToDictionary(r => r.Id);
        return ([.. canonical.Distinct(StringComparer.Ordinal).Select(c => (roles[rows[c].RoleId], c, rows[c].Used))], null);
    }

    private PageResult Refuse(string problem)
    {
        Message = problem;
        Failed = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The survey's links and its codes' counts (<see cref="PosterModel"/> and <see cref="SlipsModel"/> use them too).</summary>
    internal async Task LoadAsync()
    {
        if (Survey.PublicKey is { } key)
        {
            var baseUrl = $"{PublicLinks.Base(Request)}/s/{key}";
            Links = [new ShareLink(texts.GetString("Everyone (respondents choose their role)"), null, baseUrl),
                .. Survey.Roles.Where(r => r.Answers).Select(r => new ShareLink(r.Name, WelcomeModel.LinkNumber(r), $"{baseUrl}/{WelcomeModel.LinkNumber(r)}"))];
        }

        var counts = await db.InvitationCodes.Where(c => c.SurveyId == Survey.Id).GroupBy(c => c.RoleId)
            .Select(g => new { RoleId = g.Key, Generated = g.Count(), Used = g.Count(c => c.Used || db.ResponseDrafts.Any(d => d.InvitationCodeId == c.Id && d.Submitted)) })
            .ToDictionaryAsync(g => g.RoleId);
        Codes = [.. Survey.Roles.Where(r => r.Answers).Select(r => counts.TryGetValue(r.Id, out var c) ? (r, c.Generated, c.Used) : (r, 0, 0))];
    }
}
