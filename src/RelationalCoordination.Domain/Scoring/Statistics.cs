using System.Collections.Immutable;

using MathNet.Numerics.Distributions;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>The few statistics the method needs, with undefined results as null.</summary>
public static class Statistics
{
    /// <summary>The arithmetic mean, or null for no values.</summary>
    public static double? Mean(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? null : values.Sum() / values.Count;
    }

    /// <summary>The median (mean of the middle two for an even count), or null for no values.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The quantile of Student's t distribution with <paramref name="degreesOfFreedom"/>.</summary>
    public static double StudentTQuantile(double probability, double degreesOfFreedom)
    {
        // MathNet finds the quantile by bracketing root search; Newton steps on the exact CDF
        // polish it to full double precision, which the method's 1e-9 agreement needs.
        var x = StudentT.InvCDF(0, 1, degreesOfFreedom, probability);
        for (var i = 0; i < 3; i++)
        {
            var density = StudentT.PDF(0, 1, degreesOfFreedom, x);
            if (density <= 0)
            {
                break;
            }

            x -= (StudentT.CDF(0, 1, degreesOfFreedom, x) - probability) / density;
        }

        return x;
    }

    /// <summary>
    /// Welch's two-sample t-test of sample 2 against sample 1, from each sample's n, mean and
    /// sample variance. Null when both variances are zero (t is undefined) or a sample has n &lt; 2.
    /// </summary>
    public static WelchTest? Welch(int n1, double mean1, double variance1, int n2, double mean2, double variance2)
    {
        if (n1 < 2 || n2 < 2)
        {
            return null;
        }

        var e1 = variance1 / n1;
        var e2 = variance2 / n2;
        var se2 = e1 + e2;
        if (!(se2 > 0))
        {
            return null;
        }

        var t = (mean2 - mean1) / Math.Sqrt(se2);
        var df = se2 * se2 / (e1 * e1 / (n1 - 1) + e2 * e2 / (n2 - 1));
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new WelchTest(t, df, Math.Min(p, 1));
    }
}

/// <summary>
/// p-values adjusted for testing many hypotheses at once, exactly as R's <c>p.adjust</c>: a null
/// p-value stays null and does not count among the n tests.
/// </summary>
public static class PValueAdjustment
{
    /// <summary>Holm's step-down method (<c>p.adjust(p, "holm")</c>): controls the family-wise error rate.</summary>
    public static ImmutableArray<double?> Holm(IReadOnlyList<double?> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var (order, n) = Sorted(p, descending: false);
        var adjusted = new double?[p.Count];
        var running = double.NegativeInfinity;
        for (var i = 0; i < order.Length; i++)
        {
            // R: pmin(1, cummax((n - i + 1) * p[o])) with i from 1.
            running = Math.Max(running, (n - i) * p[order[i]]!.Value);
            adjusted[order[i]] = Math.Min(1, running);
        }

        return n <= 1 ? [.. p] : [.. adjusted];
    }

    /// <summary>Benjamini–Hochberg (<c>p.adjust(p, "BH")</c>): controls the false discovery rate.</summary>
    public static ImmutableArray<double?> BenjaminiHochberg(IReadOnlyList<double?> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var (order, n) = Sorted(p, descending: true);
        var adjusted = new double?[p.Count];
        var running = double.PositiveInfinity;
        for (var j = 0; j < order.Length; j++)
        {
            // R: pmin(1, cummin(n / i * p[o])) with i from n down to 1, o decreasing.
            var i = n - j;
            running = Math.Min(running, (double)n / i * p[order[j]]!.Value);
            adjusted[order[j]] = Math.Min(1, running);
        }

        return n <= 1 ? [.. p] : [.. adjusted];
    }

    /// <summary>The indexes of the defined p-values in order (stable, as R's <c>order</c>), and how many there are.</summary>
    private static (int[] Order, int N) Sorted(IReadOnlyList<double?> p, bool descending)
    {
        var defined = Enumerable.Range(0, p.Count).Where(i => p[i] is not null);
        var order = (descending ? defined.OrderByDescending(i => p[i]!.Value) : defined.OrderBy(i => p[i]!.Value)).ToArray();
        return (order, order.Length);
    }
}

/// <summary>The result of Welch's t-test.</summary>
/// <param name="T">The t statistic.</param>
/// <param name="Df">Welch–Satterthwaite degrees of freedom.</param>
/// <param name="PValue">The two-sided p-value.</param>
public sealed record WelchTest(double T, double Df, double PValue);
