using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>What housekeeping (<see cref="RespondentHousekeeping"/>) does on the respondent side.</summary>
public sealed class DraftSweeper(AppDbContext db, TimeProvider clock, ResponseBatches batches, SurveyDefinitions definitions)
{
    /// <summary>
    /// Housekeeping, run periodically: finishes the surveys that closed (by hand or by their closing
    /// date) and still have drafts, and deletes unfinished drafts nobody touched for 60 days.
    /// </summary>
    public async Task SweepAsync()
    {
        var now = clock.GetUtcNow();
        var closed = await db.Surveys.AsNoTracking().Include(s => s.Roles)
            .Where(s => s.Status == SurveyStatus.Closed || (s.ClosesAt != null && s.ClosesAt <= now))
            .Where(s => db.ResponseDrafts.Any(d => d.SurveyId == s.Id && (!d.Submitted || d.Answers != "{}")))
            .ToListAsync();
        foreach (var survey in closed)
        {
            await batches.FinishAsync(survey);
        }

        // A survey past its closing date is closed, as if someone had pressed Close: its results are
        // frozen and its retention period runs from then.
        if (await db.Surveys.Where(s => s.Status == SurveyStatus.Open && s.ClosesAt != null && s.ClosesAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SurveyStatus.Closed).SetProperty(s => s.UpdatedAt, now)) > 0)
        {
            definitions.Changed();
        }

        var stale = Today.AddDays(-60);
        await db.ResponseDrafts.Where(d => !d.Submitted && d.UpdatedOn < stale).ExecuteDeleteAsync();
        // Kept by its day only, a record goes when that day is over (so at most 24 hours), or once
        // its survey closed by date. A retry comes within seconds or minutes; one that spans
        // midnight UTC finds no record and stores its response again.
        await db.IdempotentRequests.Where(r => r.CreatedOn < Today
            || db.Surveys.Any(s => s.Id == r.SurveyId && (s.Status == SurveyStatus.Closed || (s.ClosesAt != null && s.ClosesAt <= now)))).ExecuteDeleteAsync();
    }

    private DateOnly Today => RespondentSql.Today(clock);
}
