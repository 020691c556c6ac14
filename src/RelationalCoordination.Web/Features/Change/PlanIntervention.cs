using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Change;

/// <summary>An intervention as a form or a client sends it, validated before it reaches the service.</summary>
public sealed record InterventionPlan(
    InterventionKind Kind,
    string? CatalogueKey,
    string Name,
    string? Owner,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    InterventionStatus Status,
    IReadOnlyList<(string From, string To)> Targets,
    IReadOnlyList<Dimension> Dimensions,
    IReadOnlyList<TestCycle> Cycles);

/// <summary>Adds, changes and removes the interventions of a survey's change plan.</summary>
public sealed class PlanIntervention(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public const string ChangedMeanwhile = "Someone else changed this intervention while you were editing. Reload the page to see their changes.";
    public const string NoSuchIntervention = "No such intervention in this survey's plan.";

    /// <summary>Adds an intervention (<paramref name="interventionId"/> null) or replaces one read at <paramref name="version"/>.</summary>
    public async Task<Outcome<Intervention>> RunAsync(Guid organisationId, Guid surveyId, Guid? interventionId, uint version, InterventionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (await db.FindAsync(organisationId, surveyId) is not { } survey)
        {
            return Refusal.NotFound();
        }

        var now = clock.GetUtcNow();
        Intervention intervention;
        if (interventionId is { } existing)
        {
            if (await db.Interventions.SingleOrDefaultAsync(i => i.SurveyId == surveyId && i.Id == existing) is not { } found)
            {
                return Refusal.NotFound(NoSuchIntervention);
            }

            intervention = found;
            db.Entry(intervention).Property(i => i.Version).OriginalValue = version;
        }
        else
        {
            if (await db.Interventions.CountAsync(i => i.SurveyId == surveyId) >= Data.Configurations.ChangeLimits.MaxPerSurvey)
            {
                return Refusal.Invalid("Name", "A plan holds at most 200 interventions.");
            }

            intervention = new Intervention { Id = Guid.NewGuid(), SurveyId = surveyId, Name = plan.Name, CreatedAt = now };
            db.Interventions.Add(intervention);
        }

        intervention.Kind = InterventionCatalogue.Find(plan.CatalogueKey)?.Kind ?? plan.Kind;
        intervention.CatalogueKey = InterventionCatalogue.Find(plan.CatalogueKey)?.Key;
        intervention.Name = plan.Name.Trim();
        intervention.Owner = string.IsNullOrWhiteSpace(plan.Owner) ? null : plan.Owner.Trim();
        (intervention.StartsOn, intervention.EndsOn, intervention.Status) = (plan.StartsOn, plan.EndsOn, plan.Status);
        intervention.Targets = [.. plan.Targets.Distinct().Select(t => new TargetTie { FromRole = t.From, ToRole = t.To })];
        intervention.Dimensions = [.. plan.Dimensions.Distinct().Order()];
        intervention.Cycles = [.. plan.Cycles];
        intervention.UpdatedAt = now;
        audit.Add(organisationId, AuditActions.SurveyChanged, $"{AuditLog.Survey(survey)}: intervention “{intervention.Name}”");
        return await db.SavedAsync() ? intervention : Refusal.Conflict(ChangedMeanwhile);
    }

    /// <summary>Removes an intervention from the plan.</summary>
    public async Task<Outcome<Guid>> RemoveAsync(Guid organisationId, Guid surveyId, Guid interventionId)
    {
        if (await db.FindAsync(organisationId, surveyId) is not { } survey)
        {
            return Refusal.NotFound();
        }

        if (await db.Interventions.SingleOrDefaultAsync(i => i.SurveyId == surveyId && i.Id == interventionId) is not { } intervention)
        {
            return Refusal.NotFound(NoSuchIntervention);
        }

        db.Interventions.Remove(intervention);
        audit.Add(organisationId, AuditActions.SurveyChanged, $"{AuditLog.Survey(survey)}: removed intervention “{intervention.Name}”");
        return await db.SavedAsync() ? interventionId : Refusal.Conflict(ChangedMeanwhile);
    }
}
