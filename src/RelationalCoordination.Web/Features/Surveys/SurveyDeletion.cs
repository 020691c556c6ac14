using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>
/// Deleting a survey's data: everything (the survey, its roles, responses, drafts, codes, results
/// and links) or, at the end of a retention period, only the raw answers behind its stored results.
/// </summary>
internal static class SurveyDeletion
{
    /// <summary>Deletes the survey and every row that belongs to it, in the caller's transaction.</summary>
    public static async Task DeleteAsync(AppDbContext db, SurveyDefinitions definitions, Guid surveyId)
    {
        // Waits for a batch of answers being stored (and keeps new ones out): its new responses
        // would otherwise refer to roles that go with the survey.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ResponseBatches.BatchLockKey(surveyId)})");
        // Responses first: they refer to the survey's roles, which go with the survey.
        await DeleteRawAnswersAsync(db, surveyId);
        await db.Surveys.Where(s => s.Id == surveyId).ExecuteDeleteAsync();   // roles, codes, snapshot, links: by cascade
        // A bulk delete bypasses SaveChanges (and so SurveyChangesInterceptor): the respondent pages forget the survey here.
        definitions.Changed();
    }

    /// <summary>Deletes the responses (with their answers), drafts and stored retries that hold answers.</summary>
    public static async Task DeleteRawAnswersAsync(AppDbContext db, Guid surveyId)
    {
        await db.Responses.Where(r => r.SurveyId == surveyId).ExecuteDeleteAsync();   // answers: by cascade
        await db.ResponseDrafts.Where(d => d.SurveyId == surveyId).ExecuteDeleteAsync();
        await db.IdempotentRequests.Where(r => r.SurveyId == surveyId).ExecuteDeleteAsync();
    }
}
