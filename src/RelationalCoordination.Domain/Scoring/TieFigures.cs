using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>The scoring step that reports each tie: its n, strength, spread, confidence interval and item figures.</summary>
internal static class TieFigures
{
    private const int K = Dimensions.Count;

    public static ImmutableArray<TieResult> Results(
        TieScores scores, ItemStatistics items, bool[] usable, ScoringOptions options)
    {
        var names = scores.Responses.RoleNames;
        var builder = ImmutableArray.CreateBuilder<TieResult>();
        // The t quantile is a root search; ties share few distinct n, so compute each once.
        var quantiles = new Dictionary<int, double>();
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
                    if (!quantiles.TryGetValue(n, out var q))
                    {
                        quantiles[n] = q = Statistics.StudentTQuantile(0.975, n - 1);
                    }

                    var half = q * s / Math.Sqrt(n);
                    (sd, low, high) = (s, mean - half, mean + half);
                }

                builder.Add(new TieResult(
                    names[a], names[b], n, mean, sd, low, high, items.DimensionMeans(tie), items.RwgJ(tie), suppressed));
            }
        }

        return builder.ToImmutable();
    }
}
