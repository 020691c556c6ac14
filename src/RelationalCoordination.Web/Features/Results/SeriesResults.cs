using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Features.Results;

/// <summary>One wave of a series and its published results (null while it is open).</summary>
public sealed record SeriesWave(Survey Survey, int Number, ScoringResult? Result)
{
    // By pair: the series' tie table looks up every tie of every wave, 1,600 a wave at 40 roles.
    private readonly Dictionary<(string, string), TieResult> ties =
        Result?.Ties.ToDictionary(t => (t.FromRole, t.ToRole)) ?? [];

    /// <summary>A tie's strength in this wave: its value, "fewer than k" (suppressed) or nothing (not rated, or the wave not closed).</summary>
    public (double? Strength, bool Suppressed) Tie(string from, string to) =>
        ties.TryGetValue((from, to), out var tie) ? (tie.Strength, tie.Suppressed) : (null, false);
}

/// <summary>
/// The waves of one work process side by side: the RC index, each role and each tie over time.
/// Every figure is one a wave published when it closed, so the series adds nothing a wave's own
/// pages do not show and nothing can be differenced from it.
/// </summary>
public sealed class SeriesResults(SurveySeries series, SurveyResults results)
{
    public async Task<IReadOnlyList<SeriesWave>> ForAsync(Survey survey)
    {
        var waves = await series.WavesAsync(survey);
        var list = new List<SeriesWave>();
        foreach (var (wave, index) in waves.Select((w, i) => (w, i)))
        {
            list.Add(new SeriesWave(wave, index + 1, await results.ForAsync(wave)));
        }

        return list;
    }
}
