using Microsoft.EntityFrameworkCore;

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

        // The organisation's item wording as it is now goes with the survey: a change to it later
        // must not change the questions under respondents who have begun (decision 23).
        var wordings = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.ItemWordings).SingleAsync();
        survey.ItemWordings = Organisations.ItemWordings.Copy(wordings);
        var languages = survey.ItemWordings.Select(w => w.Language).Distinct().Order(StringComparer.Ordinal).ToList();
        audit.Add(organisationId, AuditActions.SurveyOpened,
            languages.Count == 0 ? AuditLog.Survey(survey) : $"{AuditLog.Survey(survey)}, with the organisation's own item wording ({string.Join(", ", languages)})");
        return await db.SavedAsync() ? survey : Refusal.Conflict(Refusal.ChangedMeanwhile);
    }
}
