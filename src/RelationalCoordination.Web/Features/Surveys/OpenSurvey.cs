using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>Opens a draft survey for answers (the survey page's Open, the API's open).</summary>
public sealed class OpenSurvey(AppDbContext db, TimeProvider clock, AuditLog audit, SurveyLimits limits)
{
    public async Task<Outcome<Survey>> RunAsync(Guid organisationId, Guid id)
    {
        if (await db.FindAsync(organisationId, id, tracking: true) is not { } survey)
        {
            return Refusal.NotFound();
        }

        if (SurveyLifecycle.Open(survey, clock.GetUtcNow(), limits) is { } problem)
        {
            return Refusal.Conflict(problem);
        }

        audit.Add(organisationId, AuditActions.SurveyOpened, AuditLog.Survey(survey));
        return await db.SavedAsync() ? survey : Refusal.Conflict(Refusal.ChangedMeanwhile);
    }
}
