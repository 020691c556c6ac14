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

    private readonly int[] dimensionCount;
    private readonly double[] dimensionSum;
    private readonly int[] completeCount;
    private readonly double[] completeMean;
    private readonly double[] completeSumOfSquares;
    private readonly int alphaCount;
    private readonly double[] alphaItemSumOfSquares = new double[K];
    private readonly double alphaTotalSumOfSquares;

    public ItemStatistics(TieScores scores, bool[] usable)
    {
        var responses = scores.Responses;
        var ties = scores.Count.Length;
        dimensionCount = new int[ties * K];
        dimensionSum = new double[ties * K];
        completeCount = new int[ties];
        completeMean = new double[ties * K];
        completeSumOfSquares = new double[ties * K];

        var alphaItemSum = new double[K];
        double alphaTotalSum = 0;
        for (var r = 0; r < responses.RespondentCount; r++)
        {
            var rowBase = responses.RespondentRole[r] * scores.RoleCount;
            for (var o = responses.FirstObservation[r]; o < responses.FirstObservation[r + 1]; o++)
            {
                var tie = rowBase + responses.ObservationTarget[o];
                var x = responses.ObservationScores[o];
                var answered = 0;
                var total = 0;
                for (var k = 0; k < K; k++)
                {
                    var v = x.Raw(k);
                    if (v != 0)
                    {
                        answered++;
                        total += v;
                        dimensionCount[tie * K + k]++;
                        dimensionSum[tie * K + k] += v;
                    }
                }

                if (answered == K)
                {
                    completeCount[tie]++;
                    for (var k = 0; k < K; k++)
                    {
                        completeMean[tie * K + k] += x.Raw(k);
                    }

                    if (usable[tie])
                    {
                        alphaCount++;
                        alphaTotalSum += total;
                        for (var k = 0; k < K; k++)
                        {
                            alphaItemSum[k] += x.Raw(k);
                        }
                    }
                }
            }
        }

        for (var tie = 0; tie < ties; tie++)
        {
            for (var k = 0; k < K; k++)
            {
                completeMean[tie * K + k] = completeCount[tie] > 0 ? completeMean[tie * K + k] / completeCount[tie] : 0;
            }
        }

        var alphaItemMean = alphaItemSum.Select(sum => alphaCount > 0 ? sum / alphaCount : 0).ToArray();
        var alphaTotalMean = alphaCount > 0 ? alphaTotalSum / alphaCount : 0;

        // Second pass: squared deviations from the means just found.
        for (var r = 0; r < responses.RespondentCount; r++)
        {
            var rowBase = responses.RespondentRole[r] * scores.RoleCount;
            for (var o = responses.FirstObservation[r]; o < responses.FirstObservation[r + 1]; o++)
            {
                var x = responses.ObservationScores[o];
                if (!x.IsComplete)
                {
                    continue;
                }

                var tie = rowBase + responses.ObservationTarget[o];
                var total = 0;
                for (var k = 0; k < K; k++)
                {
                    var v = x.Raw(k);
                    total += v;
                    var d = v - completeMean[tie * K + k];
                    completeSumOfSquares[tie * K + k] += d * d;
                    if (usable[tie])
                    {
                        var da = v - alphaItemMean[k];
                        alphaItemSumOfSquares[k] += da * da;
                    }
                }

                if (usable[tie])
                {
                    var dt = total - alphaTotalMean;
                    alphaTotalSumOfSquares += dt * dt;
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
            means[k] = count > 0 ? dimensionSum[tie * K + k] / count : null;
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

        double meanVariance = 0;
        for (var k = 0; k < K; k++)
        {
            meanVariance += completeSumOfSquares[tie * K + k] / (m - 1);
        }

        var ratio = Math.Min(meanVariance / K, UniformVariance) / UniformVariance;
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

    /// <summary>Raw Cronbach's alpha with sample variances over complete observations.</summary>
    public double? CronbachAlpha()
    {
        if (alphaCount < 2 || alphaTotalSumOfSquares == 0)
        {
            return null;
        }

        // The (m − 1) denominators of the sample variances cancel in the ratio.
        var itemVariances = alphaItemSumOfSquares.Sum();
        return (double)K / (K - 1) * (1 - itemVariances / alphaTotalSumOfSquares);
    }
}
