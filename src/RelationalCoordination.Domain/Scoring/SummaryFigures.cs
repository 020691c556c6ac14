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
        var rwg = items.AllRwgJ(usable);

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
    private static (double? RcIndex, double? RcBetween, double? RcWithin, int Respondents, int Observations) RespondentIndices(
        TieScores scores, bool[] usable)
    {
        var responses = scores.Responses;
        double allSum = 0, betweenSum = 0, withinSum = 0;
        int allCount = 0, betweenCount = 0, withinCount = 0, respondents = 0, observations = 0;
        for (var r = 0; r < responses.RespondentCount; r++)
        {
            var role = responses.RespondentRole[r];
            double all = 0, between = 0;
            int allN = 0, betweenN = 0, counted = 0;
            for (var o = responses.FirstObservation[r]; o < responses.FirstObservation[r + 1]; o++)
            {
                if (!usable[scores.TieIndex(role, responses.ObservationTarget[o])])
                {
                    continue;
                }

                counted++;
                var s = scores.Score[o];
                if (double.IsNaN(s))
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
                allSum += all / allN;
                allCount++;
            }

            if (betweenN > 0)
            {
                betweenSum += between / betweenN;
                betweenCount++;
            }
        }

        return (
            allCount > 0 ? allSum / allCount : null,
            betweenCount > 0 ? betweenSum / betweenCount : null,
            withinCount > 0 ? withinSum / withinCount : null,
            respondents,
            observations);
    }
}
