using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Features.Responding;

public enum Availability
{
    Unknown,
    NotOpen,
    Open,
    Closed,
}

/// <summary>
/// The surveys respondents answer: found by their public key (or, for the API and invitation
/// codes, by id), mostly from the copies <see cref="SurveyDefinitions"/> keeps in memory, and
/// whether they take answers now.
/// </summary>
public sealed class PublishedSurveys(AppDbContext db, TimeProvider clock, SurveyDefinitions definitions)
{
    private static readonly Func<AppDbContext, Guid, Task<Survey?>> SurveyById = EF.CompileAsyncQuery(
        (AppDbContext db, Guid id) => db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position)).SingleOrDefault(s => s.Id == id));

    // Compiled: EF Core would otherwise look the query up in its cache from the expression tree.
    private static readonly Func<AppDbContext, string, Task<Survey?>> SurveyByKey = EF.CompileAsyncQuery(
        (AppDbContext db, string key) => db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position)).SingleOrDefault(s => s.PublicKey == key));

    /// <summary>The survey of a public key, as kept in memory for a few seconds (<see cref="SurveyDefinitions"/>).</summary>
    public async Task<Survey?> FindSurveyAsync(string? key)
    {
        var canonical = RespondentCodes.Normalize(key, RespondentCodes.SurveyKeyLength)?.ToLowerInvariant();
        return canonical is null ? null : await definitions.GetAsync(canonical, k => SurveyByKey(db, k));
    }

    /// <summary>The survey of a public key as it is now: after a write found it no longer open.</summary>
    public async Task<Survey?> FindSurveyAgainAsync(string? key)
    {
        if (RespondentCodes.Normalize(key, RespondentCodes.SurveyKeyLength)?.ToLowerInvariant() is { } canonical)
        {
            definitions.Forget(canonical);
        }

        return await FindSurveyAsync(key);
    }

    /// <summary>
    /// An open or closed survey of an organisation by its id, as kept in memory for a few seconds,
    /// for the API's submit (whose write checks in SQL that it is open).
    /// </summary>
    public async Task<Survey?> FindSurveyForSubmitAsync(Guid organisationId, Guid id) =>
        await definitions.GetAsync($"id:{id:N}", _ => SurveyById(db, id)) is { } survey && survey.OrganisationId == organisationId ? survey : null;

    /// <summary>An opened survey by its id, read now (an invitation code's).</summary>
    public async Task<Survey?> FindSurveyByIdAsync(Guid id) =>
        await SurveyById(db, id) is { PublicKey: not null } survey ? survey : null;

    public Availability AvailabilityOf(Survey? survey)
    {
        var now = clock.GetUtcNow();
        return survey switch
        {
            null => Availability.Unknown,
            { Status: SurveyStatus.Draft } => Availability.NotOpen,
            { Status: SurveyStatus.Closed } => Availability.Closed,
            { ClosesAt: { } closes } when closes <= now => Availability.Closed,
            { OpensAt: { } opens } when opens > now => Availability.NotOpen,
            _ => Availability.Open,
        };
    }
}
