using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>
/// Closes an open survey (the survey page's Close, the API's close): submitted answers become
/// responses, unfinished ones can never be submitted, and the results are computed once — they
/// never change after.
/// </summary>
public sealed class CloseSurvey(AppDbContext db, TimeProvider clock, AuditLog audit, SurveyResults results)
{
    public async Task<Outcome<Survey>> RunAsync(Guid organisationId, Guid id)
    {
        // Without its roles: a concurrent edit of them must not make this save fail for nothing.
        if (await db.Surveys.SingleOrDefaultAsync(s => s.OrganisationId == organisationId && s.Id == id) is not { } survey)
        {
            return Refusal.NotFound();
        }

        if (SurveyLifecycle.Close(survey, clock.GetUtcNow()) is { } problem)
        {
            return Refusal.Conflict(problem);
        }

        audit.Add(organisationId, AuditActions.SurveyClosed, AuditLog.Survey(survey));
        if (!await db.SavedAsync())
        {
            return Refusal.Conflict(Refusal.ChangedMeanwhile);
        }

        var closed = (await db.FindAsync(organisationId, id))!;
        await results.PublishAsync(closed);
        return closed;
    }
}
