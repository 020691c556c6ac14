using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Change;

/// <summary>Stores the change team's assessment of the ten structures at one boundary between two roles.</summary>
public sealed class AssessStructures(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public const string NoSuchAssessment = "No such structural assessment for this survey.";

    /// <summary>
    /// Saves the ratings for the boundary between <paramref name="roleA"/> and <paramref name="roleB"/>:
    /// one assessment per boundary, so assessing it again replaces the earlier ratings.
    /// </summary>
    public async Task<Outcome<StructuralAssessment>> RunAsync(Guid organisationId, Guid surveyId, string roleA, string roleB, IReadOnlyList<StructureRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (await db.FindAsync(organisationId, surveyId) is not { } survey)
        {
            return Refusal.NotFound();
        }

        // A boundary has no direction: Nurses | Physicians is Physicians | Nurses.
        if (string.CompareOrdinal(roleA, roleB) > 0)
        {
            (roleA, roleB) = (roleB, roleA);
        }

        var now = clock.GetUtcNow();
        var assessment = await db.StructuralAssessments.SingleOrDefaultAsync(a => a.SurveyId == surveyId && a.RoleA == roleA && a.RoleB == roleB);
        if (assessment is null)
        {
            assessment = new StructuralAssessment { Id = Guid.NewGuid(), SurveyId = surveyId, RoleA = roleA, RoleB = roleB, CreatedAt = now };
            db.StructuralAssessments.Add(assessment);
        }

        assessment.Ratings = [.. ratings.Select(r => new StructureRating { Structure = r.Structure, Presence = r.Presence, Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim() })];
        assessment.UpdatedAt = now;
        audit.Add(organisationId, AuditActions.SurveyChanged, $"{AuditLog.Survey(survey)}: structures between “{roleA}” and “{roleB}” assessed");
        await db.SaveChangesAsync();
        return assessment;
    }
}
