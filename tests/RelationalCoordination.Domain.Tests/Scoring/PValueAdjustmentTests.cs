using System.Globalization;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Tests.Common;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>
/// Holm and Benjamini–Hochberg adjusted p-values against R's <c>p.adjust</c> (reference/p-adjust,
/// tolerance 1e-9), made with:
/// <code>
/// set.seed(17)
/// p &lt;- c(0.01, 0.04, 0.04, NA, 0.2, 0.0001, 0.5, 0.03, 0.9, 0.04, NA, 0.002, runif(20)^3)
/// f &lt;- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
/// write.csv(data.frame(case = seq_along(p), p = f(p), p_holm = f(p.adjust(p, "holm")),
///     p_bh = f(p.adjust(p, "BH"))), "cases.csv", row.names = FALSE, quote = FALSE)
/// </code>
/// </summary>
public sealed class PValueAdjustmentTests
{
    private static (double? P, double? Holm, double? Bh)[] Cases() =>
        [.. File.ReadAllLines(ExpectedTable.ReferencePath("p-adjust", "cases.csv")).Skip(1).Select(line =>
        {
            var fields = line.Split(',');
            return (Number(fields[1]), Number(fields[2]), Number(fields[3]));
        })];

    private static double? Number(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Holm_and_Benjamini_Hochberg_agree_with_R_p_adjust_undefined_values_left_out()
    {
        var cases = Cases();
        Assert.Equal(32, cases.Length);
        var p = cases.Select(c => c.P).ToList();

        var holm = PValueAdjustment.Holm(p);
        var bh = PValueAdjustment.BenjaminiHochberg(p);

        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(cases[i].Holm is null, holm[i] is null);
            Assert.Equal(cases[i].Bh is null, bh[i] is null);
            if (cases[i].P is not null)
            {
                Assert.Equal(cases[i].Holm!.Value, holm[i]!.Value, ExpectedTable.Tolerance);
                Assert.Equal(cases[i].Bh!.Value, bh[i]!.Value, ExpectedTable.Tolerance);
            }
        }
    }

    [Fact]
    public void Benjamini_Hochberg_is_the_smallest_step_up_bound_at_or_above_each_p()
    {
        // The same figure from its definition: p_bh(i) = min over every p(j) ≥ p(i) of n·p(j)/rank(j), capped at 1.
        var p = Cases().Select(c => c.P).OfType<double>().ToList();
        var ranked = p.Order().ToList();
        var n = p.Count;

        var bh = PValueAdjustment.BenjaminiHochberg([.. p.Select(x => (double?)x)]);

        for (var i = 0; i < n; i++)
        {
            var direct = Math.Min(1, Enumerable.Range(0, n).Where(j => ranked[j] >= p[i]).Min(j => n * ranked[j] / (ranked.LastIndexOf(ranked[j]) + 1)));
            Assert.Equal(direct, bh[i]!.Value, 1e-12);
        }
    }

    [Fact]
    public void One_p_value_or_none_is_left_as_it_is()
    {
        Assert.Equal<double?>([0.03], PValueAdjustment.Holm([0.03]));
        Assert.Equal<double?>([null, 0.03, null], PValueAdjustment.BenjaminiHochberg([null, 0.03, null]));
        Assert.Empty(PValueAdjustment.Holm([]));
    }
}
