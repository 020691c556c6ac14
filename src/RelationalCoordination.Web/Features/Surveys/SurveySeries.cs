using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>
/// The waves of one work process: a survey created as the next wave of another names it as its
/// previous wave, and the chain of those links is the series.
/// </summary>
public sealed class SurveySeries(AppDbContext db)
{
    /// <summary>The survey's earlier waves, oldest first, then the survey itself.</summary>
    public async Task<IReadOnlyList<Survey>> WavesUpToAsync(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var waves = new List<Survey> { survey };
        var seen = new HashSet<Guid> { survey.Id };
        // A cycle cannot be made through the pages, but the guard keeps a hand-edited database from looping.
        while (waves[0].PreviousWaveId is { } previous && seen.Add(previous)
            && await db.Surveys.AsNoTracking().Include(s => s.Roles)
                .SingleOrDefaultAsync(s => s.Id == previous && s.OrganisationId == survey.OrganisationId) is { } earlier)
        {
            waves.Insert(0, earlier);
        }

        return waves;
    }

    /// <summary>The survey's wave number in its series: 1 for a survey without an earlier wave.</summary>
    public async Task<int> WaveNumberAsync(Survey survey) => (await WavesUpToAsync(survey)).Count;
}
