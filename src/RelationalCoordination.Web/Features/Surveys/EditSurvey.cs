using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>Changes a survey's settings (the Edit page), refusing if it changed since the form was read.</summary>
public sealed class EditSurvey(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    /// <summary>Applies validated settings to the survey of <paramref name="version"/> (PostgreSQL's xmin when the form was read).</summary>
    public async Task<Outcome<Survey>> RunAsync(Guid organisationId, Guid id, uint version, SurveySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await db.Surveys.SingleOrDefaultAsync(s => s.OrganisationId == organisationId && s.Id == id) is not { } survey)
        {
            return Refusal.NotFound();
        }

        db.Entry(survey).Property(s => s.Version).OriginalValue = version;
        settings.ApplyTo(survey, clock.GetUtcNow());
        survey.UpdatedAt = clock.GetUtcNow();
        audit.Add(organisationId, AuditActions.SurveyChanged, $"{AuditLog.Survey(survey)}: settings");
        return await db.SavedAsync()
            ? survey
            : Refusal.Conflict("Someone else changed this survey while you were editing. Reload the page to see their changes.");
    }
}
