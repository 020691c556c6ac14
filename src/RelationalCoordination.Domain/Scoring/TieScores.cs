using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>
/// The respondent tie scores s(r,b) of a response set, grouped by tie a→b, with each tie's n, mean
/// and sum of squared deviations. Shared by scoring and the wave comparison. Ties are indexed
/// densely as a·R + b, which is why the builder caps the number of roles.
/// </summary>
internal sealed class TieScores
{
    /// <summary>At least this many of the seven items make a respondent tie score.</summary>
    public const int MinItemsForScore = 4;

    public TieScores(ResponseSet responses)
    {
        Responses = responses;
        RoleCount = responses.RoleNames.Length;
        var ties = RoleCount * RoleCount;
        var observations = responses.ObservationCount;
        Score = new double[observations];
        Count = new int[ties];
        Mean = new double[ties];
        SumOfSquares = new double[ties];

        var sums = new double[ties];
        for (var r = 0; r < responses.RespondentCount; r++)
        {
            var rowBase = responses.RespondentRole[r] * RoleCount;
            for (var o = responses.FirstObservation[r]; o < responses.FirstObservation[r + 1]; o++)
            {
                var s = ScoreOf(responses.ObservationScores[o]);
                Score[o] = s;
                if (!double.IsNaN(s))
                {
                    var tie = rowBase + responses.ObservationTarget[o];
                    Count[tie]++;
                    sums[tie] += s;
                }
            }
        }

        for (var tie = 0; tie < ties; tie++)
        {
            Mean[tie] = Count[tie] > 0 ? sums[tie] / Count[tie] : double.NaN;
        }

        // A second pass for the deviations: numerically safer than sums of squares.
        for (var r = 0; r < responses.RespondentCount; r++)
        {
            var rowBase = responses.RespondentRole[r] * RoleCount;
            for (var o = responses.FirstObservation[r]; o < responses.FirstObservation[r + 1]; o++)
            {
                var s = Score[o];
                if (!double.IsNaN(s))
                {
                    var tie = rowBase + responses.ObservationTarget[o];
                    var d = s - Mean[tie];
                    SumOfSquares[tie] += d * d;
                }
            }
        }
    }

    public ResponseSet Responses { get; }

    public int RoleCount { get; }

    /// <summary>s(r,b) per observation, NaN where fewer than four items are answered.</summary>
    public double[] Score { get; }

    /// <summary>n(a→b) per tie.</summary>
    public int[] Count { get; }

    /// <summary>T(a→b) per tie, NaN where n = 0.</summary>
    public double[] Mean { get; }

    /// <summary>Σ (s − T)² per tie.</summary>
    public double[] SumOfSquares { get; }

    public int TieIndex(int from, int to) => from * RoleCount + to;

    /// <summary>The sample variance of a tie's scores, NaN for n &lt; 2.</summary>
    public double Variance(int tie) => Count[tie] >= 2 ? SumOfSquares[tie] / (Count[tie] - 1) : double.NaN;

    /// <summary>s: the mean of the answered items when at least four are answered, else NaN.</summary>
    public static double ScoreOf(ItemScores scores)
    {
        var answered = 0;
        var sum = 0;
        for (var k = 0; k < Dimensions.Count; k++)
        {
            var x = scores.Raw(k);
            if (x != 0)
            {
                answered++;
                sum += x;
            }
        }

        return answered >= MinItemsForScore ? (double)sum / answered : double.NaN;
    }
}
