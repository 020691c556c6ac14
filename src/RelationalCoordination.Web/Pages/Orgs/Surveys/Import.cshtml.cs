using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>Imports responses from a CSV file (paper surveys, another tool): all or nothing, every problem listed.</summary>
[RequiresRole(OrgRole.Facilitator)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 64 * 1024)]
public sealed class ImportModel(AppDbContext db, CurrentOrganisation org, TimeProvider clock) : PageModel
{
    public const int MaxBytes = 50 * 1024 * 1024;
    public const int MaxProblems = 100;

    public Survey? Survey { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public (int Respondents, int Observations)? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Survey = await db.FindAsync(org.Id, id);
        return Survey is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? file)
    {
        Survey = await db.FindAsync(org.Id, id);
        if (Survey is null)
        {
            return NotFound();
        }

        if (!Survey.IsLocked)
        {
            return Fail(StatusCodes.Status409Conflict, "Open the survey before importing: its roles must be fixed first, because the answers refer to them.");
        }

        if (file is null || file.Length == 0)
        {
            return Fail(StatusCodes.Status400BadRequest, "Choose a CSV file to import.");
        }

        if (file.Length > MaxBytes)
        {
            return Fail(StatusCodes.Status400BadRequest, $"The file is larger than {MaxBytes / 1024 / 1024} MB.");
        }

        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer);
            bytes = buffer.ToArray();
        }

        var roles = Survey.Roles.ToDictionary(r => r.Name, StringComparer.Ordinal);
        (ResponseSet? Responses, IReadOnlyList<CsvInputException> Errors) result;
        try
        {
            result = ResponsesCsv.Validate(ResponsesCsv.DecodeUtf8(bytes), roles.Keys, MaxProblems, (role, target) =>
                !roles.TryGetValue(role, out var r) ? new ResponseError("role", $"'{role}' is not a role of this survey")
                : !r.Answers ? new ResponseError("role", $"'{role}' does not answer this survey")
                : !roles.TryGetValue(target, out var t) ? new ResponseError("target_role", $"'{target}' is not a role of this survey")
                : !t.IsRated ? new ResponseError("target_role", $"'{target}' is not rated in this survey")
                : null);
        }
        catch (CsvInputException e)
        {
            result = (null, [e]);
        }

        if (result.Responses is not { } responses)
        {
            Problems = [.. result.Errors.Select(e => e.Message)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // One SaveChanges, one transaction: the whole file or nothing. Only the day is kept, and
        // nothing of the file's respondent ids.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var roleIds = roles.ToDictionary(r => r.Key, r => r.Value.Id, StringComparer.Ordinal);
        foreach (var respondent in responses.Respondents)
        {
            db.Responses.Add(ResponseMapping.ToResponse(respondent, Survey.Id, roleIds, today));
        }

        await db.SaveChangesAsync();
        Imported = (responses.RespondentCount, responses.ObservationCount);
        return Page();
    }

    private PageResult Fail(int status, string problem)
    {
        Problems = [problem];
        Response.StatusCode = status;
        return Page();
    }
}
