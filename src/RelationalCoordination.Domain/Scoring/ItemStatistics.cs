using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>
/// Item-level figures: each tie's dimension means (over every observation), each tie's
/// rwg(j) and Cronbach's alpha (over complete observations: all seven items answered). Alpha pools
/// the complete observations of the ties marked usable only: in an anonymous report, the reportable ones.
/// </summary>
internal sealed class ItemStatistics
{
    private const int K = Dimensions.Count;

    /// <summary>σ² of a uniform answer over five options: the "no agreement" variance of rwg(j).</summary>
    private const double UniformVariance = 2.0;

    // Whole-number sums per tie (and per item): every item is a whole number 1–5, so counts, sums
    // and sums of squares are exact, and each variance is (m·Σv² − (Σv)²) / m(m − 1) — one pass,
    // no rounding before the last division. Two passes over 740,000 observations in doubles
    // (means, then squared deviations) took four times as long.
    private readonly int[] dimensionCount;
    private readonly long[] dimensionSum;
    private readonly int[] completeCount;
    private readonly long[] completeSum;
    private readonly long[] completeSquares;
    private readonly long[] completeTotal;
    private readonly long[] completeTotalSquares;
    private readonly bool[] usable;

    public ItemStatistics(TieScores scores, bool[] usable)
    {
        var responses = scores.Responses;
        var ties = scores.Count.Length;
        this.usable = usable;
        dimensionCount = new int[ties * K];
        dimensionSum = new long[ties * K];
        completeCount = new int[ties];
        completeSum = new long[ties * K];
        completeSquares = new long[ties * K];
        completeTotal = new long[ties];
        completeTotalSquares = new long[ties];

        var targets = responses.ObservationTarget;
        var observations = responses.ObservationScores;
        for (var r = 0; r < responses.RespondentCount; r++)
        {
            var rowBase = responses.RespondentRole[r] * scores.RoleCount;
            for (var o = responses.FirstObservation[r]; o < responses.FirstObservation[r + 1]; o++)
            {
                var tie = rowBase + targets[o];
                var x = observations[o];
                var at = tie * K;
                var answered = 0;
                var total = 0;
                for (var k = 0; k < K; k++)
                {
                    var v = x.Raw(k);
                    if (v != 0)
                    {
                        answered++;
                        total += v;
                        dimensionCount[at + k]++;
                        dimensionSum[at + k] += v;
                    }
                }

                if (answered == K)
                {
                    completeCount[tie]++;
                    completeTotal[tie] += total;
                    completeTotalSquares[tie] += total * total;
                    for (var k = 0; k < K; k++)
                    {
                        var v = x.Raw(k);
                        completeSum[at + k] += v;
                        completeSquares[at + k] += v * v;
                    }
                }
            }
        }
    }

    public ImmutableArray<double?> DimensionMeans(int tie)
    {
        var means = new double?[K];
        for (var k = 0; k < K; k++)
        {
            var count = dimensionCount[tie * K + k];
            means[k] = count > 0 ? (double)dimensionSum[tie * K + k] / count : null;
        }

        return [.. means];
    }

    /// <summary>rwg(j) of one tie, over its complete observations when there are at least two.</summary>
    public double? RwgJ(int tie)
    {
        var m = completeCount[tie];
        if (m < 2)
        {
            return null;
        }

        Int128 numerator = 0;
        for (var k = 0; k < K; k++)
        {
            numerator += SumOfSquaresTimesCount(m, completeSum[tie * K + k], completeSquares[tie * K + k]);
        }

        var meanVariance = (double)numerator / ((double)m * (m - 1) * K);
        var ratio = Math.Min(meanVariance, UniformVariance) / UniformVariance;
        return K * (1 - ratio) / (K * (1 - ratio) + ratio);
    }

    /// <summary>rwg(j) of every usable tie where it is defined.</summary>
    public List<double> AllRwgJ(bool[] usable)
    {
        var values = new List<double>();
        for (var tie = 0; tie < completeCount.Length; tie++)
        {
            if (usable[tie] && RwgJ(tie) is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>Raw Cronbach's alpha with sample variances over the complete observations of the usable ties.</summary>
    public double? CronbachAlpha()
    {
        long m = 0, total = 0, totalSquares = 0;
        var itemSum = new long[K];
        var itemSquares = new long[K];
        for (var tie = 0; tie < completeCount.Length; tie++)
        {
            if (!usable[tie])
            {
                continue;
            }

            m += completeCount[tie];
            total += completeTotal[tie];
            totalSquares += completeTotalSquares[tie];
            for (var k = 0; k < K; k++)
            {
                itemSum[k] += completeSum[tie * K + k];
                itemSquares[k] += completeSquares[tie * K + k];
            }
        }

        var totalVariation = SumOfSquaresTimesCount(m, total, totalSquares);
        if (m < 2 || totalVariation == 0)
        {
            return null;
        }

        // The common factors 1/m and 1/(m − 1) of the sample variances cancel in the ratio.
        Int128 itemVariation = 0;
        for (var k = 0; k < K; k++)
        {
            itemVariation += SumOfSquaresTimesCount(m, itemSum[k], itemSquares[k]);
        }

        return (double)K / (K - 1) * (1 - ((double)itemVariation / (double)totalVariation));
    }

    /// <summary>m · Σ(v − mean)² = m·Σv² − (Σv)², exactly.</summary>
    private static Int128 SumOfSquaresTimesCount(long m, long sum, long squares) =>
        ((Int128)m * squares) - ((Int128)sum * sum);
}
