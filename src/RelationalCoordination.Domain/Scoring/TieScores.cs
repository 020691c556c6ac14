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

    /// <summary>
    /// Every respondent score is a mean of 4 to 7 whole numbers, so s·420 (420 = lcm of 4…7) is a
    /// whole number. Summing those exactly makes a tie's mean the correctly rounded value of the
    /// true mean: a tie at exactly 3.5 or 4.0 lands in the right band, and equal means are equal
    /// doubles (no 1e-16 "variance" between ties or within a tie that has none).
    /// </summary>
    public const int Scale = 420;

    public TieScores(ResponseSet responses)
    {
        Responses = responses;
        RoleCount = responses.RoleNames.Length;
        var ties = RoleCount * RoleCount;
        Scaled = new int[responses.ObservationCount];
        Count = new int[ties];
        Mean = new double[ties];
        SumOfSquares = new double[ties];

        var sums = new long[ties];
        var squares = new long[ties]; // x ≤ 2,100 and n ≤ respondents: far below 2⁶³
        for (var r = 0; r < responses.RespondentCount; r++)
        {
            var rowBase = responses.RespondentRole[r] * RoleCount;
            for (var o = responses.FirstObservation[r]; o < responses.FirstObservation[r + 1]; o++)
            {
                var scaled = ScaledScoreOf(responses.ObservationScores[o]);
                Scaled[o] = scaled;
                if (scaled < 0)
                {
                    continue;
                }

                var tie = rowBase + responses.ObservationTarget[o];
                Count[tie]++;
                sums[tie] += scaled;
                squares[tie] += (long)scaled * scaled;
            }
        }

        for (var tie = 0; tie < ties; tie++)
        {
            var n = Count[tie];
            if (n == 0)
            {
                Mean[tie] = double.NaN;
                continue;
            }

            Mean[tie] = (double)sums[tie] / ((long)Scale * n);
            // Σ(s − T)² = (n·Σx² − (Σx)²) / (n·420²) with x = s·420, exact up to the final division.
            var numerator = ((Int128)n * squares[tie]) - ((Int128)sums[tie] * sums[tie]);
            SumOfSquares[tie] = (double)numerator / ((double)n * Scale * Scale);
        }
    }

    public ResponseSet Responses { get; }

    public int RoleCount { get; }

    /// <summary>s(r,b)·420 per observation, a whole number; −1 where fewer than four items are answered.</summary>
    public int[] Scaled { get; }

    /// <summary>n(a→b) per tie.</summary>
    public int[] Count { get; }

    /// <summary>T(a→b) per tie, NaN where n = 0.</summary>
    public double[] Mean { get; }

    /// <summary>Σ (s − T)² per tie.</summary>
    public double[] SumOfSquares { get; }

    public int TieIndex(int from, int to) => from * RoleCount + to;

    /// <summary>The sample variance of a tie's scores, NaN for n &lt; 2.</summary>
    public double Variance(int tie) => Count[tie] >= 2 ? SumOfSquares[tie] / (Count[tie] - 1) : double.NaN;

    /// <summary>s·420 as a whole number, or −1 when fewer than four items are answered.</summary>
    private static int ScaledScoreOf(ItemScores scores)
    {
        // Two table lookups (items 1–4, items 5–7) instead of a loop over the seven items.
        var packed = scores.Packed;
        var both = FirstFour[packed & 0xFFF] + LastThree[packed >> 12];
        var answered = both >> 8;
        return answered >= MinItemsForScore ? (both & 0xFF) * (Scale / answered) : -1;
    }

    private static readonly int[] FirstFour = CountAndSum(4);
    private static readonly int[] LastThree = CountAndSum(3);

    /// <summary>For every packing of <paramref name="items"/> items: answered count · 256 + sum.</summary>
    private static int[] CountAndSum(int items)
    {
        var table = new int[1 << (3 * items)];
        for (var packed = 0; packed < table.Length; packed++)
        {
            var (answered, sum) = (0, 0);
            for (var k = 0; k < items; k++)
            {
                var x = (packed >> (3 * k)) & 7;
                answered += x == 0 ? 0 : 1;
                sum += x;
            }

            table[packed] = (answered << 8) + sum;
        }

        return table;
    }
}
