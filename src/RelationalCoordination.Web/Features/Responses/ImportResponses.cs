using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Responses;

/// <summary>
/// Imports a file of responses into a survey, all or nothing (the Import page, the API's import).
/// Invalid: the outcome's value holds the problems, line by line (at most <see cref="ResponseImport.MaxProblems"/>).
/// </summary>
public sealed class ImportResponses(AppDbContext db, ResponseImport import, AuditLog audit, TimeProvider clock)
{
    public const string NothingStored = "The file was not imported: nothing was stored.";

    /// <summary>The survey and why it takes no import now, if it does not; null when there is no such survey.</summary>
    public async Task<(Survey Survey, string? Refusal)?> CheckAsync(Guid organisationId, Guid id) =>
        await db.FindAsync(organisationId, id) is { } survey ? (survey, ResponseImport.Refusal(survey, clock.GetUtcNow())) : null;

    public async Task<Outcome<ImportOutcome>> RunAsync(Guid organisationId, Guid id, byte[] bytes)
    {
        if (await CheckAsync(organisationId, id) is not var (survey, refusal))
        {
            return Refusal.NotFound();
        }

        if (refusal is not null)
        {
            return Refusal.Conflict(refusal);
        }

        var outcome = await import.ImportAsync(survey, bytes);
        if (outcome.Refused is { } closed)
        {
            return Refusal.Conflict(closed);
        }

        if (!outcome.Succeeded)
        {
            return new Outcome<ImportOutcome>(OutcomeKind.Invalid, outcome, NothingStored, null);
        }

        await audit.RecordAsync(organisationId, AuditActions.ResponsesImported, ResponseImport.AuditSubject(survey, outcome));
        return outcome;
    }
}
