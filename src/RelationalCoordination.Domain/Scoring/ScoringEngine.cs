using System.Collections.Immutable;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>
/// Turns a response set into tie strengths, role scores, network indices and psychometrics,
/// exactly as the project's scoring method defines them (docs/scoring.md).
/// </summary>
public static class ScoringEngine
{
    private const int K = Dimensions.Count;

    /// <summary>Scores a response set.</summary>
    public static ScoringResult Score(ResponseSet responses, ScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        options ??= ScoringOptions.Default;
        var tieScores = new TieScores(responses);
        var roles = responses.RoleNames.Length;

        // Which ties feed every figure beyond their own: all defined ones, or the reportable ones
        // only when reporting anonymously, so that no suppressed tie can be recovered by subtraction
        // (from a role, network or summary figure alike).
        var usable = new bool[roles * roles];
        for (var tie = 0; tie < usable.Length; tie++)
        {
            var n = tieScores.Count[tie];
            usable[tie] = n >= 1 && (!options.Anonymous || n >= options.MinGroupSize);
        }

        var items = new ItemStatistics(tieScores, usable);

        var ties = TieResults(tieScores, items, usable, options);
        var centrality = RoleGraph(tieScores, usable);
        var roleResults = RoleResults(tieScores, usable, options, centrality);
        var summary = Summary(tieScores, items, usable, options);
        return new ScoringResult(options, ties, roleResults, summary);
    }

    private static ImmutableArray<TieResult> TieResults(
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

    private static (IReadOnlyList<double?> Betweenness, IReadOnlyList<double?> Eigenvector) RoleGraph(
        TieScores scores, bool[] usable)
    {
        var n = scores.RoleCount;
        var weights = new double[n, n];
        var adjacency = new List<int>[n];
        for (var a = 0; a < n; a++)
        {
            adjacency[a] = [];
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                if (EdgeWeight(scores, usable, a, b) is not { } w)
                {
                    continue;
                }

                weights[a, b] = weights[b, a] = w;
                // The working-tie network keeps only edges at least moderate: brokers bridge weak pairs.
                if (w >= TieBands.WeakBelow)
                {
                    adjacency[a].Add(b);
                    adjacency[b].Add(a);
                }
            }
        }

        return (Centrality.Betweenness(adjacency), Centrality.Eigenvector(weights));
    }

    /// <summary>w(a,b): the mean of the defined directions of a pair, or null when neither is.</summary>
    private static double? EdgeWeight(TieScores scores, bool[] usable, int a, int b)
    {
        var ab = scores.TieIndex(a, b);
        var ba = scores.TieIndex(b, a);
        return (usable[ab], usable[ba]) switch
        {
            (true, true) => (scores.Mean[ab] + scores.Mean[ba]) / 2,
            (true, false) => scores.Mean[ab],
            (false, true) => scores.Mean[ba],
            _ => null,
        };
    }

    private static ImmutableArray<RoleResult> RoleResults(
        TieScores scores, bool[] usable, ScoringOptions options, (IReadOnlyList<double?> Betweenness, IReadOnlyList<double?> Eigenvector) centrality)
    {
        var responses = scores.Responses;
        var n = scores.RoleCount;
        var respondents = new int[n];
        foreach (var role in responses.RespondentRole)
        {
            respondents[role]++;
        }

        var builder = ImmutableArray.CreateBuilder<RoleResult>(n);
        var hideBelow = options.Anonymous ? options.MinGroupSize : 0;
        for (var a = 0; a < n; a++)
        {
            double given = 0, received = 0;
            int givenCount = 0, receivedCount = 0;
            for (var b = 0; b < n; b++)
            {
                if (b == a)
                {
                    continue;
                }

                if (usable[scores.TieIndex(a, b)])
                {
                    given += scores.Mean[scores.TieIndex(a, b)];
                    givenCount++;
                }

                if (usable[scores.TieIndex(b, a)])
                {
                    received += scores.Mean[scores.TieIndex(b, a)];
                    receivedCount++;
                }
            }

            var within = scores.TieIndex(a, a);
            builder.Add(new RoleResult(
                responses.RoleNames[a],
                respondents[a] >= hideBelow ? respondents[a] : null,
                givenCount > 0 ? given / givenCount : null,
                receivedCount > 0 ? received / receivedCount : null,
                usable[within] ? scores.Mean[within] : null,
                centrality.Betweenness[a],
                centrality.Eigenvector[a]));
        }

        return builder.MoveToImmutable();
    }

    private static NetworkSummary Summary(TieScores scores, ItemStatistics items, bool[] usable, ScoringOptions options)
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
        var (icc1, icc2) = Icc(scores, usable);
        var rwg = items.AllRwgJ(usable);

        return new NetworkSummary(
            options.Anonymous ? respondents : responses.RespondentCount,
            n,
            options.Anonymous ? observations : responses.ObservationCount,
            rcIndex,
            rcBetween,
            rcWithin,
            items.CronbachAlpha(),
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

    /// <summary>ICC(1) and ICC(2) from a one-way ANOVA of s grouped by tie, over the usable ties.</summary>
    private static (double? Icc1, double? Icc2) Icc(TieScores scores, bool[] usable)
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
