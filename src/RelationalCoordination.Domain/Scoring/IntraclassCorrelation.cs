namespace RelationalCoordination.Domain.Scoring;

/// <summary>How much of the variance of respondent tie scores lies between ties rather than within them.</summary>
internal static class IntraclassCorrelation
{
    /// <summary>ICC(1) and ICC(2) from a one-way ANOVA of s grouped by tie, over the usable ties.</summary>
    public static (double? Icc1, double? Icc2) Of(TieScores scores, bool[] usable)
    {
        int groups = 0, observations = 0;
        double total = 0, within = 0;
        for (var tie = 0; tie < scores.Count.Length; tie++)
        {
            var n = scores.Count[tie];
            if (!usable[tie])
            {
                continue;
            }

            groups++;
            observations += n;
            total += scores.Mean[tie] * n;
            within += scores.SumOfSquares[tie];
        }

        if (groups < 2 || observations <= groups)
        {
            return (null, null);
        }

        var grand = total / observations;
        double between = 0;
        for (var tie = 0; tie < scores.Count.Length; tie++)
        {
            var n = scores.Count[tie];
            if (usable[tie])
            {
                var d = scores.Mean[tie] - grand;
                between += n * d * d;
            }
        }

        var msb = between / (groups - 1);
        var msw = within / (observations - groups);
        var denominator1 = msb + ((double)observations / groups - 1) * msw;
        return (
            denominator1 != 0 ? (msb - msw) / denominator1 : null,
            msb != 0 ? (msb - msw) / msb : null);
    }
}
