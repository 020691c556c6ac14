using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>The scoring step that reports each tie: its n, strength, spread, confidence interval and item figures.</summary>
internal static class TieFigures
{
    private const int K = Dimensions.Count;

    /// <summary>
    /// t(0.975, n − 1) for each n of a usable tie with n ≥ 2. The quantile is a root search; ties
    /// share few distinct n, so each is computed once (while the item sums are still being found).
    /// </summary>
    public static Dictionary<int, double> Quantiles(TieScores scores, bool[] usable)
    {
        var quantiles = new Dictionary<int, double>();
        for (var tie = 0; tie < usable.Length; tie++)
        {
            var n = scores.Count[tie];
            if (usable[tie] && n >= 2 && !quantiles.ContainsKey(n))
            {
                quantiles[n] = Statistics.StudentTQuantile(0.975, n - 1);
            }
        }

        return quantiles;
    }

    public static ImmutableArray<TieResult> Results(
        TieScores scores, ItemStatistics items, bool[] usable, ScoringOptions options, Dictionary<int, double> quantiles)
    {
        var names = scores.Responses.RoleNames;
        var builder = ImmutableArray.CreateBuilder<TieResult>();
        for (var a = 0; a < names.Length; a++)
        {
            for (var b = 0; b < names.Length; b++)
            {
                var tie = scores.TieIndex(a, b);
                var n = scores.Count[tie];
                if (n == 0)
                {
                    continue;
                }

                var suppressed = n < options.MinGroupSize;
                if (!usable[tie])
                {
                    // Anonymous: not even n, which would tell who is in a small group.
                    builder.Add(new TieResult(
                        names[a], names[b], options.Anonymous ? null : n, null, null, null, null, [.. new double?[K]], null, suppressed));
                    continue;
                }

                var mean = scores.Mean[tie];
                double? sd = null, low = null, high = null;
                if (n >= 2)
                {
                    var s = Math.Sqrt(scores.Variance(tie));
                    var half = quantiles[n] * s / Math.Sqrt(n);
                    (sd, low, high) = (s, mean - half, mean + half);
                }

                // Anonymous: item figures over the complete observations, and none unless those and
                // the tie's other scored observations are each none or at least k (decision 25).
                var (dimensions, rwg) = !options.Anonymous ? (items.DimensionMeans(tie), items.RwgJ(tie))
                    : items.ItemFiguresReportable(tie, n, options.MinGroupSize) ? (items.CompleteDimensionMeans(tie), items.RwgJ(tie))
                    : ([.. new double?[K]], null);
                builder.Add(new TieResult(names[a], names[b], n, mean, sd, low, high, dimensions, rwg, suppressed));
            }
        }

        return builder.ToImmutable();
    }
}
