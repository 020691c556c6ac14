using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Change;

/// <summary>
/// A survey's feedback sessions: made once its results are published, each holding the room's
/// predictions of the ties (by rating role, never by person), and read back as the session's steps.
/// </summary>
public sealed class FeedbackSessions(AppDbContext db, TimeProvider clock, SurveyResults results)
{
    public const string NeedsResults = "A feedback session needs the survey's published results: it can be held once the survey is closed.";

    public const string NoSuchSession = "No such feedback session for this survey.";

    /// <summary>The sessions of a survey, the most recently held (or made) first.</summary>
    public Task<List<FeedbackSession>> ListAsync(Guid surveyId) =>
        db.FeedbackSessions.AsNoTracking().Where(s => s.SurveyId == surveyId)
            .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.CreatedAt).ToListAsync();

    public Task<FeedbackSession?> FindAsync(Guid surveyId, Guid sessionId) =>
        db.FeedbackSessions.AsNoTracking().SingleOrDefaultAsync(s => s.SurveyId == surveyId && s.Id == sessionId);

    public async Task<Outcome<FeedbackSession>> CreateAsync(Guid organisationId, Guid surveyId, string name, DateOnly? heldOn)
    {
        if (await db.FindAsync(organisationId, surveyId) is not { } survey)
        {
            return Refusal.NotFound();
        }

        // A session reveals results: without published ones there would be nothing to reveal, and an
        // open survey's counts must not be compared before and after one more answer.
        if (await results.ForAsync(survey) is null)
        {
            return Refusal.Conflict(NeedsResults);
        }

        if (await db.FeedbackSessions.CountAsync(s => s.SurveyId == surveyId) >= ChangeLimits.MaxPerSurvey)
        {
            return Refusal.Conflict($"A survey can have at most {ChangeLimits.MaxPerSurvey} feedback sessions.");
        }

        var now = clock.GetUtcNow();
        var session = new FeedbackSession { Id = Guid.NewGuid(), SurveyId = surveyId, Name = name.Trim(), HeldOn = heldOn, CreatedAt = now, UpdatedAt = now };
        db.FeedbackSessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    /// <summary>
    /// Replaces the session's predictions with <paramref name="predictions"/>. Only ties of the
    /// survey's map are kept (the page has refused anything else already); the last save wins.
    /// </summary>
    public async Task<Outcome<FeedbackSession>> SavePredictionsAsync(Guid organisationId, Guid surveyId, Guid sessionId, IReadOnlyCollection<TiePrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (await db.FindAsync(organisationId, surveyId) is not { } survey)
        {
            return Refusal.NotFound();
        }

        if (await db.FeedbackSessions.SingleOrDefaultAsync(s => s.SurveyId == surveyId && s.Id == sessionId) is not { } session)
        {
            return Refusal.NotFound(NoSuchSession);
        }

        var map = RelationalMap.Of(survey).Select(t => (t.From.Name, t.To.Name)).ToHashSet();
        // A new list, not an edit of the old: the JSON column is written whole.
        session.Predictions = [.. predictions.Where(p => map.Contains((p.FromRole, p.ToRole)))
            .DistinctBy(p => (p.FromRole, p.ToRole))
            .Select(p => new TiePrediction { FromRole = p.FromRole, ToRole = p.ToRole, Band = p.Band })];
        session.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return session;
    }

    /// <summary>
    /// What the session's steps show from the published results, or null while the survey has none.
    /// Reads reportable ties only: a tie rated by fewer than k people contributes nothing but the
    /// words "fewer than k answered".
    /// </summary>
    public async Task<SessionSteps?> StepsAsync(Survey survey, FeedbackSession session, bool withComparison)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(session);
        if (await results.ForAsync(survey) is not { } result)
        {
            return null;
        }

        var map = RelationalMap.Of(survey);
        return new SessionSteps(
            result,
            SessionSteps.RevealOf(result, session, map),
            WhereToStart.Analyse(result),
            Domain.Change.ChangePatterns.Suggest(result, survey.ReportedRoles.Where(r => r.IsBoundarySpanner).Select(r => r.Name)),
            withComparison ? await ImprovementAsync(survey) : null);
    }

    /// <summary>
    /// The ties that grew stronger since the survey's earlier wave: those significantly better
    /// (Benjamini–Hochberg p &lt; 0.05), or else the largest rises, which are within chance. Null
    /// without an earlier wave. Compared as the comparison page compares: ties rated by at least
    /// the larger k in both waves.
    /// </summary>
    public async Task<Improvement?> ImprovementAsync(Survey survey, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (survey.PreviousWaveId is not { } earlierId || await db.FindAsync(survey.OrganisationId, earlierId) is not { } earlier)
        {
            return null;
        }

        if (SurveyResults.RawAnswersGone(earlier, survey) is { } gone)
        {
            return new Improvement(earlier.Title, [], false, gone);
        }

        if (await results.CompareAsync(earlier, survey) is not { } changes)
        {
            return new Improvement(earlier.Title, [], false, new Sentence("“{0}” is not closed yet: the ties that grew stronger can be shown once both waves are closed.", earlier.Title));
        }

        var risen = changes.Where(c => c.FromRole != c.ToRole && c.Change > 0)
            .OrderByDescending(c => c.Change).ThenBy(c => c.FromRole, StringComparer.Ordinal).ThenBy(c => c.ToRole, StringComparer.Ordinal).ToList();
        var significant = risen.Where(c => c.IsSignificant).Take(count).ToList();
        return significant.Count > 0
            ? new Improvement(earlier.Title, [.. significant], true, null)
            : new Improvement(earlier.Title, [.. risen.Take(count)], false, null);
    }
}
