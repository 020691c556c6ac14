using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Change;

/// <summary>A performance outcome measured for a wave, as a form sends it.</summary>
public sealed record OutcomeEntry(OutcomeHeading Heading, string Name, decimal Value, string? Unit, bool LowerIsBetter, string? Note);

/// <summary>Records and removes the outcome measures of a wave.</summary>
public sealed class RecordOutcomes(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public const string NoSuchOutcome = "No such outcome measure for this survey.";

    /// <summary>Records a measure; a measure of the same name for this wave is replaced, so a correction is one step.</summary>
    public async Task<Outcome<OutcomeMeasure>> RunAsync(Guid organisationId, Guid surveyId, OutcomeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (await db.FindAsync(organisationId, surveyId) is not { } survey)
        {
            return Refusal.NotFound();
        }

        var name = entry.Name.Trim();
        var measure = await db.OutcomeMeasures.SingleOrDefaultAsync(o => o.SurveyId == surveyId && o.Name == name);
        if (measure is null)
        {
            if (await db.OutcomeMeasures.CountAsync(o => o.SurveyId == surveyId) >= Data.Configurations.ChangeLimits.MaxPerSurvey)
            {
                return Refusal.Invalid("Name", "A wave holds at most 200 outcome measures.");
            }

            measure = new OutcomeMeasure { Id = Guid.NewGuid(), SurveyId = surveyId, Name = name, CreatedAt = clock.GetUtcNow() };
            db.OutcomeMeasures.Add(measure);
        }

        (measure.Heading, measure.Value, measure.LowerIsBetter) = (entry.Heading, entry.Value, entry.LowerIsBetter);
        measure.Unit = string.IsNullOrWhiteSpace(entry.Unit) ? null : entry.Unit.Trim();
        measure.Note = string.IsNullOrWhiteSpace(entry.Note) ? null : entry.Note.Trim();
        audit.Add(organisationId, AuditActions.SurveyChanged, $"{AuditLog.Survey(survey)}: outcome “{name}” recorded");
        await db.SaveChangesAsync();
        return measure;
    }

    public async Task<Outcome<Guid>> RemoveAsync(Guid organisationId, Guid surveyId, Guid outcomeId)
    {
        if (await db.FindAsync(organisationId, surveyId) is not { } survey)
        {
            return Refusal.NotFound();
        }

        if (await db.OutcomeMeasures.SingleOrDefaultAsync(o => o.SurveyId == surveyId && o.Id == outcomeId) is not { } measure)
        {
            return Refusal.NotFound(NoSuchOutcome);
        }

        db.OutcomeMeasures.Remove(measure);
        audit.Add(organisationId, AuditActions.SurveyChanged, $"{AuditLog.Survey(survey)}: outcome “{measure.Name}” removed");
        await db.SaveChangesAsync();
        return outcomeId;
    }
}
