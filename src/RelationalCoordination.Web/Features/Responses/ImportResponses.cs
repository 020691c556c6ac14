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

    /// <summary>Imports into a survey the caller has already found in its organisation (<see cref="CheckAsync"/>, a survey page).</summary>
    public async Task<Outcome<ImportOutcome>> RunAsync(Survey survey, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (ResponseImport.Refusal(survey, clock.GetUtcNow()) is { } refusal)
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

        await audit.RecordAsync(survey.OrganisationId, AuditActions.ResponsesImported, ResponseImport.AuditSubject(survey, outcome));
        return outcome;
    }
}
