using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>
/// Sets (or, all blank, removes) a survey's texts in one language. Texts only: answers are kept by
/// role, not by name, so a translation can be given or corrected while the survey is open.
/// </summary>
public sealed class TranslateSurvey(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public async Task<Outcome<Survey>> RunAsync(Guid organisationId, Guid id, uint version, SurveyTranslation? translation, string language)
    {
        if (await db.Surveys.Include(s => s.Roles).SingleOrDefaultAsync(s => s.OrganisationId == organisationId && s.Id == id) is not { } survey)
        {
            return Refusal.NotFound();
        }

        db.Entry(survey).Property(s => s.Version).OriginalValue = version;
        var roles = survey.Roles.Select(r => r.Id).ToHashSet();
        // A new list, not an edit of the old: the JSON column is written whole.
        survey.Translations = [.. survey.Translations.Where(t => t.Language != language)];
        if (translation is not null)
        {
            translation.Roles = [.. translation.Roles.Where(r => roles.Contains(r.RoleId) && !string.IsNullOrWhiteSpace(r.Name))];
            survey.Translations.Add(translation);
        }

        survey.UpdatedAt = clock.GetUtcNow();
        audit.Add(organisationId, AuditActions.SurveyChanged, $"{AuditLog.Survey(survey)}: texts in {language}");
        return await db.SavedAsync()
            ? survey
            : Refusal.Conflict("Someone else changed this survey while you were editing. Reload the page to see their changes.");
    }
}
