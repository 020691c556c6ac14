using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>An earlier wave of a survey, as lists and the comparison need it.</summary>
public sealed record EarlierWave(Guid Id, string Title, SurveyStatus Status);

/// <summary>
/// The waves of one work process: a survey created as the next wave of another names it as its
/// previous wave, and the chain of those links is the series. Comparisons, wave numbers in file
/// names and the series view all follow it.
/// </summary>
public sealed class SurveySeries(AppDbContext db)
{
    /// <summary>
    /// A survey's earlier waves, the nearest first: its previous wave (set when it was created as
    /// a new wave), that wave's previous wave, and so on. Drafts included; another organisation's
    /// survey never.
    /// </summary>
    public async Task<IReadOnlyList<EarlierWave>> EarlierWavesAsync(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        // One short query per wave: a series has a handful (a wave a year, or a quarter). A wave's
        // previous wave is set only when it is created, to a survey that exists, so the chain has
        // no loop; the check costs nothing should one ever be written by hand.
        var waves = new List<EarlierWave>();
        for (var previous = survey.PreviousWaveId; previous is { } id && id != survey.Id && waves.TrueForAll(w => w.Id != id);)
        {
            var wave = await db.Surveys.AsNoTracking().Where(s => s.Id == id && s.OrganisationId == survey.OrganisationId)
                .Select(s => new { s.Title, s.Status, s.PreviousWaveId }).SingleOrDefaultAsync();
            if (wave is null)
            {
                break;
            }

            waves.Add(new EarlierWave(id, wave.Title, wave.Status));
            previous = wave.PreviousWaveId;
        }

        return waves;
    }

    /// <summary>
    /// Why <paramref name="earlier"/> cannot be compared with <paramref name="later"/> as its earlier
    /// wave, or null when it is one. Only waves of one series are compared: their ties are the same
    /// work process asked again, and a change means something. Between two unrelated surveys, ties
    /// that happen to share role names would show a "change" that is none.
    /// </summary>
    public async Task<Sentence?> NotAnEarlierWaveAsync(Survey earlier, Survey later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if ((await EarlierWavesAsync(later)).Any(w => w.Id == earlier.Id))
        {
            return null;
        }

        return (await EarlierWavesAsync(earlier)).Any(w => w.Id == later.Id)
            ? new Sentence("“{0}” is a later wave than “{1}”: compare the later wave with the earlier one.", earlier.Title, later.Title)
            : new Sentence("“{0}” and “{1}” are not waves of one series: a survey is compared only with its earlier waves (its previous wave, that one's, and so on). "
                + "To compare them, create the later survey as a new wave of “{1}”: “Start a new wave” on its page, or previousWaveId when creating it through the API.", later.Title, earlier.Title);
    }

    /// <summary>
    /// Every wave of the survey's series, oldest first, with their roles: its earlier waves, the
    /// survey, and the waves started from it since (the first, should a wave have been started twice).
    /// </summary>
    public async Task<IReadOnlyList<Survey>> WavesAsync(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var earlier = (await EarlierWavesAsync(survey)).Select(w => w.Id).Reverse().ToList();
        var waves = new List<Survey>();
        foreach (var id in earlier)
        {
            waves.Add(await db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position)).SingleAsync(s => s.Id == id));
        }

        waves.Add(survey);
        var seen = waves.Select(w => w.Id).ToHashSet();
        for (var last = survey; await db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position))
                 .Where(s => s.PreviousWaveId == last.Id && s.OrganisationId == survey.OrganisationId)
                 .OrderBy(s => s.CreatedAt).FirstOrDefaultAsync() is { } next && seen.Add(next.Id);)
        {
            waves.Add(next);
            last = next;
        }

        return waves;
    }

    /// <summary>The survey's wave number in its series: 1 for a survey without an earlier wave.</summary>
    public async Task<int> WaveNumberAsync(Survey survey) => (await EarlierWavesAsync(survey)).Count + 1;
}
