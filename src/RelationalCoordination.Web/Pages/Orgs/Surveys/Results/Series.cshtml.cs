using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// The survey series: waves 1…n of one work process with the RC index, each role and each tie over
/// time, and the whole network from the first closed wave to the last (<see cref="SeriesResults"/>).
/// </summary>
public sealed class SeriesModel(CurrentOrganisation org, SeriesResults series, AppDbContext db) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public IReadOnlyList<SeriesWave> Waves { get; private set; } = [];

    /// <summary>The role whose ties the tie table shows, or null for every tie.</summary>
    public string? Role { get; private set; }

    /// <summary>Every role name of the series, in the order of the latest wave first holding it.</summary>
    public IReadOnlyList<string> Roles { get; private set; } = [];

    /// <summary>The interventions made from each wave (by its survey id), in the order they were made.</summary>
    public ILookup<Guid, Intervention> Interventions { get; private set; } = Array.Empty<Intervention>().ToLookup(i => i.SurveyId);

    /// <summary>The outcome measures recorded for each wave (by its survey id).</summary>
    public ILookup<Guid, OutcomeMeasure> Outcomes { get; private set; } = Array.Empty<OutcomeMeasure>().ToLookup(o => o.SurveyId);

    public async Task OnGetAsync(string? role)
    {
        Waves = await series.ForAsync(Survey);
        var ids = Waves.Select(w => w.Survey.Id).ToList();
        Interventions = (await db.InterventionsAsync(ids)).ToLookup(i => i.SurveyId);
        Outcomes = (await db.OutcomeMeasures.AsNoTracking().Where(o => ids.Contains(o.SurveyId)).OrderBy(o => o.Heading).ThenBy(o => o.Name).ToListAsync()).ToLookup(o => o.SurveyId);
        Roles = [.. Waves.AsEnumerable().Reverse().SelectMany(w => w.Survey.ReportedRoles.Select(r => r.Name)).Distinct(StringComparer.Ordinal)];
        // Forty roles make 1,600 ties a wave: then one role's ties at a time.
        Role = Roles.Contains(role, StringComparer.Ordinal) ? role : Roles.Count > 16 ? Roles[0] : null;
    }

    /// <summary>The ties the table shows: between two roles, shown in at least one closed wave.</summary>
    public IEnumerable<(string From, string To)> Ties()
    {
        var order = Roles.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        return Waves.Where(w => w.Result is not null)
            .SelectMany(w => w.Result!.Ties.Where(t => !t.IsWithinRole && !t.Suppressed && t.Strength is not null).Select(t => (t.FromRole, t.ToRole)))
            .Where(t => Role is null || t.FromRole == Role || t.ToRole == Role)
            .Distinct()
            .OrderBy(t => order[t.FromRole]).ThenBy(t => order[t.ToRole]);
    }
}
