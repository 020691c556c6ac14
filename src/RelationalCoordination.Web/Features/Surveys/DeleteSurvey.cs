using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>Deletes a survey with everything that belongs to it, for good (the Delete page, the API's DELETE).</summary>
public sealed class DeleteSurvey(AppDbContext db, AuditLog audit, SurveyDefinitions definitions)
{
    /// <summary>The number of responses deleted with the survey.</summary>
    public async Task<Outcome<int>> RunAsync(Guid organisationId, Guid id)
    {
        if (await db.FindAsync(organisationId, id) is not { } survey)
        {
            return Refusal.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var responses = await db.Responses.CountAsync(r => r.SurveyId == id);
        await SurveyDeletion.DeleteAsync(db, definitions, id);
        audit.Add(organisationId, AuditActions.SurveyDeleted, $"{AuditLog.Survey(survey)}: {responses} responses");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return responses;
    }
}
