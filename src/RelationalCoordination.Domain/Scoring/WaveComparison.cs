using System.Collections.Immutable;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>Compares the ties of two waves of a survey of the same work process.</summary>
public static class WaveComparison
{
    /// <summary>
    /// For each tie present in both waves with n ≥ 2 in each (n ≥ k in each when reporting
    /// anonymously): T before and after, the change, and Welch's t-test of the later wave's
    /// respondent tie scores against the earlier wave's, its p-value adjusted by Holm and by
    /// Benjamini–Hochberg over all the ties compared. Roles are matched by name; rows are
    /// ordered by from-role then to-role (ordinal).
    /// </summary>
    public static ImmutableArray<TieChange> Compare(
        Responses.ResponseSet before, Responses.ResponseSet after, ScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        options ??= ScoringOptions.Default;
        var minimum = options.Anonymous ? Math.Max(2, options.MinGroupSize) : 2;

        var first = new TieScores(before);
        var second = new TieScores(after);
        var afterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < after.RoleNames.Length; i++)
        {
            afterIndex.Add(after.RoleNames[i], i);
        }

        var builder = ImmutableArray.CreateBuilder<TieChange>();
        for (var a = 0; a < before.RoleNames.Length; a++)
        {
            if (!afterIndex.TryGetValue(before.RoleNames[a], out var a2))
            {
                continue;
            }

            for (var b = 0; b < before.RoleNames.Length; b++)
            {
                if (!afterIndex.TryGetValue(before.RoleNames[b], out var b2))
                {
                    continue;
                }

                var tie1 = first.TieIndex(a, b);
                var tie2 = second.TieIndex(a2, b2);
                int n1 = first.Count[tie1], n2 = second.Count[tie2];
                if (n1 < minimum || n2 < minimum)
                {
                    continue;
                }

                double m1 = first.Mean[tie1], m2 = second.Mean[tie2];
                var test = Statistics.Welch(n1, m1, first.Variance(tie1), n2, m2, second.Variance(tie2));
                builder.Add(new TieChange(
                    before.RoleNames[a], before.RoleNames[b], n1, n2, m1, m2, m2 - m1, test?.T, test?.Df, test?.PValue, null, null));
            }
        }

        // Adjusted over the whole family of ties compared, as the spec's "Comparing two waves" says.
        var p = builder.Select(c => c.PValue).ToList();
        var holm = PValueAdjustment.Holm(p);
        var bh = PValueAdjustment.BenjaminiHochberg(p);
        return [.. builder.Select((c, i) => c with { PHolm = holm[i], PBh = bh[i] })];
    }
}
