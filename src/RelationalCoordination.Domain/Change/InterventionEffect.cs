using System.Collections.Immutable;

using RelationalCoordination.Domain.Scoring;

namespace RelationalCoordination.Domain.Change;

/// <summary>How much a set of ties changed between two waves.</summary>
/// <param name="Ties">The ties in the set.</param>
/// <param name="MeanChange">The mean of their changes (after − before), or null for none.</param>
/// <param name="CiLow">The lower end of the 95% confidence interval of the mean change (one-sample t), or null when undefined.</param>
/// <param name="CiHigh">The upper end, or null.</param>
public sealed record SetChange(int Ties, double? MeanChange, double? CiLow, double? CiHigh);

/// <summary>How the ties a role receives changed between two waves.</summary>
/// <param name="Role">The rated role.</param>
/// <param name="Ties">The compared ties from other roles to it.</param>
/// <param name="MeanChange">Their mean change.</param>
/// <param name="Targeted">How many of them an intervention targeted.</param>
public sealed record RoleChange(string Role, int Ties, double MeanChange, int Targeted);

/// <summary>
/// The effect of a change programme: ties it targeted against ties it did not, between two waves.
/// </summary>
/// <param name="Overall">Every tie compared.</param>
/// <param name="Targeted">The ties an intervention targeted.</param>
/// <param name="Untargeted">The others.</param>
/// <param name="DifferenceInDifferences">Mean change of targeted minus mean change of untargeted ties, or null when either set is empty.</param>
/// <param name="CiLow">Lower end of its 95% Welch confidence interval, or null when undefined.</param>
/// <param name="CiHigh">Upper end, or null.</param>
/// <param name="Df">Welch–Satterthwaite degrees of freedom, or null.</param>
/// <param name="PValue">Two-sided p-value of Welch's test of the two sets' changes, or null.</param>
/// <param name="Roles">Per rated role, the mean change of the ties it receives from other roles, in ordinal order.</param>
public sealed record InterventionEffect(
    SetChange Overall,
    SetChange Targeted,
    SetChange Untargeted,
    double? DifferenceInDifferences,
    double? CiLow,
    double? CiHigh,
    double? Df,
    double? PValue,
    ImmutableArray<RoleChange> Roles);

/// <summary>Estimates an intervention programme's effect from a wave comparison.</summary>
public static class InterventionEffects
{
    /// <summary>
    /// Treats each compared tie as one unit with its change. The difference-in-differences is the
    /// mean change of the targeted ties minus that of the untargeted ties; its confidence interval
    /// and p-value are Welch's two-sample t-test of the two sets of changes, as R's
    /// <c>t.test(targeted, untargeted)</c>. Only ties of the comparison count, so nothing rests on
    /// a tie below k. Within-role ties count when targeted and are otherwise left out.
    /// </summary>
    public static InterventionEffect Estimate(IEnumerable<TieChange> changes, IEnumerable<(string From, string To)> targeted)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(targeted);
        var targets = targeted.ToHashSet();
        var all = changes.Where(c => c.FromRole != c.ToRole || targets.Contains((c.FromRole, c.ToRole))).ToList();
        var inSet = all.Where(c => targets.Contains((c.FromRole, c.ToRole))).Select(c => c.Change).ToList();
        var outSet = all.Where(c => !targets.Contains((c.FromRole, c.ToRole))).Select(c => c.Change).ToList();

        double? did = null, low = null, high = null, df = null, p = null;
        if (inSet.Count > 0 && outSet.Count > 0)
        {
            did = inSet.Average() - outSet.Average();
            var welch = Statistics.Welch(outSet.Count, outSet.Average(), Variance(outSet), inSet.Count, inSet.Average(), Variance(inSet));
            if (welch is not null)
            {
                var standardError = Math.Sqrt((Variance(inSet) / inSet.Count) + (Variance(outSet) / outSet.Count));
                var half = Statistics.StudentTQuantile(0.975, welch.Df) * standardError;
                (low, high, df, p) = (did - half, did + half, welch.Df, welch.PValue);
            }
        }

        var roles = all.Where(c => c.FromRole != c.ToRole).GroupBy(c => c.ToRole)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RoleChange(g.Key, g.Count(), g.Average(c => c.Change), g.Count(c => targets.Contains((c.FromRole, c.ToRole)))))
            .ToImmutableArray();

        return new InterventionEffect(Set(all.Select(c => c.Change).ToList()), Set(inSet), Set(outSet), did, low, high, df, p, roles);
    }

    private static SetChange Set(List<double> values)
    {
        if (values.Count == 0)
        {
            return new SetChange(0, null, null, null);
        }

        var mean = values.Average();
        if (values.Count < 2)
        {
            return new SetChange(1, mean, null, null);
        }

        var half = Statistics.StudentTQuantile(0.975, values.Count - 1) * Math.Sqrt(Variance(values) / values.Count);
        return half > 0 ? new SetChange(values.Count, mean, mean - half, mean + half) : new SetChange(values.Count, mean, null, null);
    }

    private static double Variance(List<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
