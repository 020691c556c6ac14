namespace RelationalCoordination.Domain.Scoring;

/// <summary>
/// The scoring step that sums up the network: counts, respondent-level RC indices, tie bands,
/// reciprocity and the pooled psychometrics.
/// </summary>
internal static class SummaryFigures
{
    public static NetworkSummary Summary(TieScores scores, ItemStatistics items, bool[] usable, ScoringOptions options)
    {
        var responses = scores.Responses;
        var n = scores.RoleCount;

        int betweenTies = 0, strongTies = 0, weakTies = 0, pairs = 0;
        double gapSum = 0;
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                var tie = scores.TieIndex(a, b);
                if (a == b || !usable[tie])
                {
                    continue;
                }

                betweenTies++;
                var band = TieBands.Of(scores.Mean[tie]);
                strongTies += band == TieBand.Strong ? 1 : 0;
                weakTies += band == TieBand.Weak ? 1 : 0;
                var reverse = scores.TieIndex(b, a);
                if (a < b && usable[reverse])
                {
                    pairs++;
                    gapSum += Math.Abs(scores.Mean[tie] - scores.Mean[reverse]);
                }
            }
        }

        // Respondent-level indices and psychometrics pool the observations of the usable ties: all
        // of them, or in an anonymous report those of reportable ties only, and count only those.
        var (rcIndex, rcBetween, rcWithin, respondents, observations) = RespondentIndices(scores, usable);
        var (icc1, icc2) = IntraclassCorrelation.Of(scores, usable);
        // rwg(j) of the ties that publish it: in an anonymous report, not of those whose item figures are withheld.
        var rwg = items.AllRwgJ(options.Anonymous
            ? [.. usable.Select((use, tie) => use && items.ItemFiguresReportable(tie, scores.Count[tie], options.MinGroupSize))]
            : usable);

        return new NetworkSummary(
            options.Anonymous ? respondents : responses.RespondentCount,
            n,
            options.Anonymous ? observations : responses.ObservationCount,
            rcIndex,
            rcBetween,
            rcWithin,
            items.CronbachAlpha(usable),
            icc1,
            icc2,
            Statistics.Mean(rwg),
            Statistics.Median(rwg),
            betweenTies > 0 ? (double)strongTies / betweenTies : null,
            weakTies,
            pairs > 0 ? gapSum / pairs : null);
    }

    /// <summary>
    /// RC(r), B(r) and W(r) averaged over respondents, from the observations of usable ties; and how
    /// many respondents and observations those are.
    /// </summary>
    /// <remarks>
    /// Exact and independent of the order in which respondents and their observations come (the
    /// database returns them in no fixed order): every s is a whole number over 420, so each
    /// respondent's mean is one whole number over 420·m, and those with the same m are summed as
    /// whole numbers; only the few sums per m are then added, in order of m.
    /// </remarks>
    private static (double? RcIndex, double? RcBetween, double? RcWithin, int Respondents, int Observations) RespondentIndices(
        TieScores scores, bool[] usable)
    {
        var responses = scores.Responses;
        var maxTargets = scores.RoleCount + 1;
        var allByCount = new long[maxTargets];
        var betweenByCount = new long[maxTargets];
        long withinSum = 0;
        int allCount = 0, betweenCount = 0, withinCount = 0, respondents = 0, observations = 0;
        for (var r = 0; r < responses.RespondentCount; r++)
        {
            var role = responses.RespondentRole[r];
            long all = 0, between = 0;
            int allN = 0, betweenN = 0, counted = 0;
            for (var o = responses.FirstObservation[r]; o < responses.FirstObservation[r + 1]; o++)
            {
                if (!usable[scores.TieIndex(role, responses.ObservationTarget[o])])
                {
                    continue;
                }

                counted++;
                var s = scores.Scaled[o];
                if (s < 0)
                {
                    continue;
                }

                all += s;
                allN++;
                if (responses.ObservationTarget[o] == role)
                {
                    withinSum += s;
                    withinCount++;
                }
                else
                {
                    between += s;
                    betweenN++;
                }
            }

            observations += counted;
            respondents += counted > 0 ? 1 : 0;
            if (allN > 0)
            {
                allByCount[allN] += all;
                allCount++;
            }

            if (betweenN > 0)
            {
                betweenByCount[betweenN] += between;
                betweenCount++;
            }
        }

        return (
            allCount > 0 ? MeanOfMeans(allByCount, allCount) : null,
            betweenCount > 0 ? MeanOfMeans(betweenByCount, betweenCount) : null,
            withinCount > 0 ? (double)withinSum / ((long)TieScores.Scale * withinCount) : null,
            respondents,
            observations);
    }

    // Σ over m of (sum of the numerators of the means over m) / m, then / 420 and / respondents.
    private static double MeanOfMeans(long[] numeratorsByCount, int respondents)
    {
        double sum = 0;
        for (var m = 1; m < numeratorsByCount.Length; m++)
        {
            sum += (double)numeratorsByCount[m] / m;
        }

        return sum / TieScores.Scale / respondents;
    }
}
