using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Orgs.Surveys;
using RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

namespace RelationalCoordination.Web.Features.Organisations;

/// <summary>
/// Deletes the raw answers of surveys closed longer ago than their organisation's retention period,
/// after making sure the stored results are up to date: leaders keep the heatmap, nobody keeps the answers.
/// Run by the housekeeping service on every instance; a row lock makes each survey happen once.
/// </summary>
public sealed partial class DataRetention(AppDbContext db, SurveyResults results, AuditLog audit, TimeProvider clock, ILogger<DataRetention> log)
{
    public async Task<int> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.Surveys.AsNoTracking()
            .Where(s => s.Status == SurveyStatus.Closed && s.RawAnswersDeletedOn == null && s.ClosesAt != null)
            .Join(db.Organisations.Where(o => o.RetentionMonths != null), s => s.OrganisationId, o => o.Id, (s, o) => new { s.Id, s.ClosesAt, o.RetentionMonths })
            .ToListAsync(cancellationToken);
        var done = 0;
        foreach (var due in candidates.Where(c => c.ClosesAt!.Value.AddMonths(c.RetentionMonths!.Value) <= now))
        {
            // The results first (published at closing; this only publishes those of a survey that
            // closed by its date while housekeeping was away): once the raw answers are gone, they
            // are all that is left. Publishing stores answers in transactions of its own.
            if (await db.Surveys.Include(s => s.Roles).AsNoTracking().SingleOrDefaultAsync(s => s.Id == due.Id, cancellationToken) is not { } closed)
            {
                continue;
            }

            await results.EnsurePublishedAsync(closed);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Surveys" WHERE "Id" = {due.Id} FOR UPDATE""", cancellationToken);
            var survey = await db.Surveys.Include(s => s.Roles).AsNoTracking().SingleOrDefaultAsync(s => s.Id == due.Id, cancellationToken);
            if (survey is null || survey.RawAnswersDeletedOn is not null)
            {
                continue;   // deleted, or done by another instance meanwhile
            }

            var responses = await db.Responses.CountAsync(r => r.SurveyId == survey.Id, cancellationToken);
            await SurveyDeletion.DeleteRawAnswersAsync(db, survey.Id);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            await db.Surveys.Where(s => s.Id == survey.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.RawAnswersDeletedOn, today), cancellationToken);
            audit.Add(survey.OrganisationId, AuditActions.RawAnswersDeleted, $"{AuditLog.Survey(survey)}: {responses} responses; the results are kept", AuditLog.App);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogDeleted(log, survey.Id, responses);
            done++;
        }

        return done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted the raw answers of survey {SurveyId} ({Responses} responses); its results are kept")]
    private static partial void LogDeleted(ILogger logger, Guid surveyId, int responses);
}
