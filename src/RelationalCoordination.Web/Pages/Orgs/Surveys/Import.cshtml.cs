using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>Imports responses from a CSV file (paper surveys, another tool): all or nothing, every problem listed.</summary>
[RequiresRole(OrgRole.Facilitator)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 64 * 1024)]
public sealed class ImportModel(ImportResponses importer, TimeProvider clock, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    public const int MaxBytes = ResponseImport.MaxBytes;

    /// <summary>Why the survey takes no import now, if it does not.</summary>
    public string? Refusal => texts.TranslateOrNull(ResponseImport.Refusal(Survey, clock.GetUtcNow()));

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The problems are the file's, from the CSV parser the CLI and the API share: in English.</summary>
    public bool ProblemsInEnglish { get; private set; }

    public (int Respondents, int Observations)? Imported { get; private set; }

    public Task OnGetAsync() => Task.CompletedTask;

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? file)
    {
        if (ResponseImport.Refusal(Survey, clock.GetUtcNow()) is { } refusal)
        {
            return Fail(StatusCodes.Status409Conflict, texts.Translate(refusal));
        }

        if (file is null || file.Length == 0)
        {
            return Fail(StatusCodes.Status400BadRequest, texts.Translate("Choose a CSV file to import."));
        }

        if (file.Length > MaxBytes)
        {
            return Fail(StatusCodes.Status400BadRequest, texts.GetString("The file is larger than {0} MB.", MaxBytes / 1024 / 1024));
        }

        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer);
            bytes = buffer.ToArray();
        }

        var imported = await importer.RunAsync(Survey, bytes);
        switch (imported.Kind)
        {
            case Features.OutcomeKind.Done:
                Imported = (imported.Value!.Respondents, imported.Value.Observations);
                break;
            case Features.OutcomeKind.Invalid:
                Problems = [.. imported.Value!.Errors.Select(e => e.Message)];
                ProblemsInEnglish = true;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Features.OutcomeKind.Conflict:
                return Fail(StatusCodes.Status409Conflict, texts.Translate(imported.Message!));
            default:
                return NotFound();
        }

        return Page();
    }

    private PageResult Fail(int status, string problem)
    {
        Problems = [problem];
        Response.StatusCode = status;
        return Page();
    }
}
