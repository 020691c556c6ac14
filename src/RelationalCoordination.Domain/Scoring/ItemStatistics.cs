using System.Collections.Immutable;
using System.Runtime.Intrinsics;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>
/// Item-level figures: each tie's dimension means (over every observation; in an anonymous report
/// over the complete ones), each tie's rwg(j) and Cronbach's alpha (over complete observations: all
/// seven items answered). Alpha pools the complete observations of the ties marked usable only: in
/// an anonymous report, the reportable ones.
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

    /// <summary>
    /// Sums over every observation. It needs no tie score, so the engine runs it on a second core
    /// while the tie scores are found; which ties are usable is asked only of the finished sums.
    /// </summary>
    public ItemStatistics(Responses.ResponseSet responses)
    {
        var roleCount = responses.RoleNames.Length;
        var ties = roleCount * roleCount;
        dimensionCount = new int[ties * K];
        dimensionSum = new long[ties * K];
        completeCount = new int[ties];
        completeSum = new long[ties * K];
        completeSquares = new long[ties * K];
        completeTotal = new long[ties];
        completeTotalSquares = new long[ties];

        Accumulate(responses, roleCount);
    }

    // The seven items of an observation as eight int lanes (the last always 0): the packed scores
    // broadcast, each lane shifted so that its item lands in bits 18–20, then shifted down.
    private static readonly Vector256<int> ItemShifts = Vector256.Create(1 << 18, 1 << 15, 1 << 12, 1 << 9, 1 << 6, 1 << 3, 1, 0);

    /// <summary>
    /// Observations per block of respondents: within a block no tie has more observations than
    /// respondents, so its lanes (at most 25 per observation) stay exact in 32 bits.
    /// </summary>
    private const int RespondentsPerBlock = 50_000_000;

    // One pass, eight lanes at a time: each observation adds its items, their answered flags and,
    // when complete, their squares to its tie's vectors; blocks are added into the long sums.
    private void Accumulate(Responses.ResponseSet responses, int roleCount)
    {
        var ties = roleCount * roleCount;
        var sums = new Vector256<int>[ties];
        var counts = new Vector256<int>[ties];
        var fullSums = new Vector256<int>[ties];
        var fullSquares = new Vector256<int>[ties];
        var targets = responses.ObservationTarget;
        var observations = responses.ObservationScores;
        var (seven, one) = (Vector256.Create(7), Vector256.Create(1));
        for (var block = 0; block < responses.RespondentCount; block += RespondentsPerBlock)
        {
            for (var r = block; r < Math.Min(responses.RespondentCount, block + RespondentsPerBlock); r++)
            {
                var rowBase = responses.RespondentRole[r] * roleCount;
                for (var o = responses.FirstObservation[r]; o < responses.FirstObservation[r + 1]; o++)
                {
                    var tie = rowBase + targets[o];
                    var v = Vector256.ShiftRightLogical(Vector256.Create(observations[o].Packed) * ItemShifts, 18) & seven;
                    sums[tie] += v;
                    counts[tie] += Vector256.Min(v, one);
                    if (Vector256.Equals(v, Vector256<int>.Zero).ExtractMostSignificantBits() == 0x80)
                    {
                        // All seven answered (only the eighth, empty lane is zero).
                        fullSums[tie] += v;
                        fullSquares[tie] += v * v;
                        var total = Vector256.Sum(v);
                        completeCount[tie]++;
                        completeTotal[tie] += total;
                        completeTotalSquares[tie] += total * total;
                    }
                }
            }

            for (var tie = 0; tie < ties; tie++)
            {
                for (var k = 0; k < K; k++)
                {
                    dimensionCount[tie * K + k] += counts[tie][k];
                    dimensionSum[tie * K + k] += sums[tie][k];
                    completeSum[tie * K + k] += fullSums[tie][k];
                    completeSquares[tie * K + k] += fullSquares[tie][k];
                }
            }

            Array.Clear(sums);
            Array.Clear(counts);
            Array.Clear(fullSums);
            Array.Clear(fullSquares);
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

    /// <summary>
    /// Whether an anonymous report may publish a tie's item figures (decision 25): its dimension
    /// means and rwg(j), both taken over its complete observations, must rest on at least
    /// <paramref name="k"/> people, and the tie's other scored observations (4–6 items answered)
    /// must be none or at least k — else the tie strength, which counts them, minus the complete
    /// observations' figures would give their few answers away.
    /// </summary>
    public bool ItemFiguresReportable(int tie, int n, int k)
    {
        var m = completeCount[tie];
        return m >= k && (n == m || n - m >= k);
    }

    /// <summary>Each dimension's mean over the tie's complete observations (an anonymous report's dimension means).</summary>
    public ImmutableArray<double?> CompleteDimensionMeans(int tie)
    {
        var m = completeCount[tie];
        var means = new double?[K];
        for (var k = 0; k < K; k++)
        {
            means[k] = m > 0 ? (double)completeSum[tie * K + k] / m : null;
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
    public double? CronbachAlpha(bool[] usable)
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
