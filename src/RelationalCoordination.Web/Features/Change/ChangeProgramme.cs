using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Features.Change;

/// <summary>What a change team has recorded for one wave: its interventions, structural assessments and outcome measures.</summary>
public sealed record ChangeRecords(
    IReadOnlyList<Intervention> Interventions,
    IReadOnlyList<StructuralAssessment> Assessments,
    IReadOnlyList<OutcomeMeasure> Outcomes);

/// <summary>Reads the change programme of a survey and its series; the write services are beside it.</summary>
public static class ChangeProgramme
{
    /// <summary>The records of one survey: interventions by start date, the rest in the order people made them.</summary>
    public static async Task<ChangeRecords> RecordsAsync(this AppDbContext db, Guid surveyId) => new(
        await db.Interventions.AsNoTracking().Where(i => i.SurveyId == surveyId).OrderBy(i => i.StartsOn).ThenBy(i => i.CreatedAt).ThenBy(i => i.Name).ToListAsync(),
        await db.StructuralAssessments.AsNoTracking().Where(a => a.SurveyId == surveyId).OrderBy(a => a.CreatedAt).ToListAsync(),
        await db.OutcomeMeasures.AsNoTracking().Where(o => o.SurveyId == surveyId).OrderBy(o => o.Heading).ThenBy(o => o.CreatedAt).ToListAsync());

    /// <summary>The interventions made from any of the given surveys (the waves of a series).</summary>
    public static async Task<List<Intervention>> InterventionsAsync(this AppDbContext db, IReadOnlyCollection<Guid> surveyIds) =>
        await db.Interventions.AsNoTracking().Where(i => surveyIds.Contains(i.SurveyId)).OrderBy(i => i.StartsOn).ThenBy(i => i.CreatedAt).ThenBy(i => i.Name).ToListAsync();

    /// <summary>The interventions made from these surveys that count: a stopped one targets nothing any more.</summary>
    public static async Task<List<Intervention>> ActiveInterventionsAsync(this AppDbContext db, IReadOnlyCollection<Guid> surveyIds) =>
        [.. (await db.InterventionsAsync(surveyIds)).Where(i => i.Status != InterventionStatus.Stopped)];

    /// <summary>The ties (by role names) that these interventions target.</summary>
    public static HashSet<(string From, string To)> TargetedTies(this IEnumerable<Intervention> interventions) =>
        [.. interventions.SelectMany(i => i.Targets).Select(t => (t.FromRole, t.ToRole))];

    /// <summary>The ties (by role names) that the active interventions made from these surveys target.</summary>
    public static async Task<HashSet<(string From, string To)>> TargetedTiesAsync(this AppDbContext db, IReadOnlyCollection<Guid> surveyIds) =>
        (await db.ActiveInterventionsAsync(surveyIds)).TargetedTies();
}
