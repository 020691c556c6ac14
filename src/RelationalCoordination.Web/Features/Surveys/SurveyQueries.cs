using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;

namespace RelationalCoordination.Web.Features.Surveys;

internal static class SurveyQueries
{
    /// <summary>
    /// Submitted responses per answering role: those stored, and submitted drafts waiting to be
    /// stored with others (the response rate, the close page).
    /// </summary>
    public static Task<Dictionary<Guid, int>> SubmittedByRoleAsync(this AppDbContext db, Guid surveyId) =>
        db.Responses.Where(r => r.SurveyId == surveyId).Select(r => r.RoleId)
            .Concat(db.ResponseDrafts.Where(d => d.SurveyId == surveyId && d.Submitted && d.Answers != "{}").Select(d => d.RoleId))
            .GroupBy(r => r).Select(g => new { RoleId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.RoleId, g => g.Count);

    /// <summary>A survey of the organisation with its roles in order, or null — also for another organisation's id.</summary>
    public static async Task<Survey?> FindAsync(this AppDbContext db, Guid organisationId, Guid surveyId, bool tracking = false)
    {
        var query = db.Surveys.Include(s => s.Roles.OrderBy(r => r.Position)).Where(s => s.OrganisationId == organisationId && s.Id == surveyId);
        return await (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }

    /// <summary>
    /// Saves a change to a survey; false, keeping nothing, when someone changed it meanwhile (its
    /// version, PostgreSQL's xmin, moved: another person, an API client, or housekeeping closing it
    /// by its date). The concurrent change wins.
    /// </summary>
    public static async Task<bool> SavedAsync(this AppDbContext db)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>A new draft with the same settings and roles.</summary>
    public static Survey CopyOf(Survey source, string title, Guid? previousWave, DateTimeOffset now)
    {
        var copy = new Survey
        {
            Id = Guid.NewGuid(),
            OrganisationId = source.OrganisationId,
            Title = title.Length > Data.Configurations.SurveyConfiguration.TitleMaxLength
                ? title[..Data.Configurations.SurveyConfiguration.TitleMaxLength]
                : title,
            WorkProcess = source.WorkProcess,
            Introduction = source.Introduction,
            FrequencyVariant = source.FrequencyVariant,
            MinGroupSize = source.MinGroupSize,
            Status = SurveyStatus.Draft,
            PreviousWaveId = previousWave,
            CreatedAt = now,
            UpdatedAt = now,
        };
        copy.Roles = [.. source.Roles.Select(r => new SurveyRole
        {
            Id = Guid.NewGuid(),
            SurveyId = copy.Id,
            Name = r.Name,
            Description = r.Description,
            ExpectedHeadcount = r.ExpectedHeadcount,
            Answers = r.Answers,
            IsRated = r.IsRated,
            IsBoundarySpanner = r.IsBoundarySpanner,
            Kind = r.Kind,
            Position = r.Position,
        })];
        return copy;
    }
}
