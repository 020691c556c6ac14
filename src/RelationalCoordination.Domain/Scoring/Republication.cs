using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>
/// A survey's results scored again by a newer method after they were published (decision 25).
/// Whoever kept the earlier publication could subtract the new figures from it: where a tie's item
/// figures changed, they may differ by the answers of a few people (a dimension mean over everyone
/// against one over the complete observations). So a republication shows what the earlier one
/// showed, or less.
/// </summary>
public static class Republication
{
    /// <summary>
    /// <paramref name="now"/>, with the dimension means and rwg(j) of every tie withheld where they
    /// differ from <paramref name="earlier"/>'s, and the summary's rwg(j) over the ties that keep theirs.
    /// </summary>
    public static ScoringResult Within(ScoringResult earlier, ScoringResult now)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(now);
        var before = earlier.Ties.ToDictionary(t => (t.FromRole, t.ToRole));
        var ties = now.Ties.Select(t =>
            before.TryGetValue((t.FromRole, t.ToRole), out var e) && e.DimensionMeans.SequenceEqual(t.DimensionMeans) && e.RwgJ == t.RwgJ
                ? t
                : t with { DimensionMeans = [.. new double?[Dimensions.Count]], RwgJ = null }).ToImmutableArray();
        var rwg = ties.Select(t => t.RwgJ).OfType<double>().ToList();
        return now with
        {
            Ties = ties,
            Summary = now.Summary with { RwgJMean = Statistics.Mean(rwg), RwgJMedian = Statistics.Median(rwg) },
        };
    }
}
