using System.Globalization;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Tests.Common;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Change;

/// <summary>
/// The effect of interventions on three ties of the hospital's second wave, against an independent
/// R computation (reference/intervention-effect/make.R: <c>t.test</c> of the tie changes), 1e-9.
/// </summary>
public sealed class InterventionEffectTests
{
    private static readonly (string, string)[] Targets =
        [("Nurses", "Physical therapists"), ("Nurses", "Residents"), ("Social workers", "Pharmacists")];

    private static InterventionEffect Hospital() => InterventionEffects.Estimate(
        WaveComparison.Compare(Scoring.ReferenceDataTests.Load("hospital/wave1.csv"), Scoring.ReferenceDataTests.Load("hospital/wave2.csv")), Targets);

    [Fact]
    public void Difference_in_differences_and_its_interval_agree_with_R()
    {
        var effect = Hospital();
        var expected = ExpectedTable.Load(ExpectedTable.ReferencePath("intervention-effect", "expected.csv"), "figure");

        double? Figure(string name) => name switch
        {
            "overall_ties" => effect.Overall.Ties,
            "overall_mean" => effect.Overall.MeanChange,
            "overall_ci_low" => effect.Overall.CiLow,
            "overall_ci_high" => effect.Overall.CiHigh,
            "targeted_ties" => effect.Targeted.Ties,
            "targeted_mean" => effect.Targeted.MeanChange,
            "targeted_ci_low" => effect.Targeted.CiLow,
            "targeted_ci_high" => effect.Targeted.CiHigh,
            "untargeted_ties" => effect.Untargeted.Ties,
            "untargeted_mean" => effect.Untargeted.MeanChange,
            "untargeted_ci_low" => effect.Untargeted.CiLow,
            "untargeted_ci_high" => effect.Untargeted.CiHigh,
            "did" => effect.DifferenceInDifferences,
            "did_ci_low" => effect.CiLow,
            "did_ci_high" => effect.CiHigh,
            "did_df" => effect.Df,
            "did_p" => effect.PValue,
            _ => throw new InvalidOperationException(name),
        };

        Assert.Equal(17, expected.Rows.Count);
        foreach (var (figure, row) in expected.Rows)
        {
            var want = double.Parse(row["value"], CultureInfo.InvariantCulture);
            Assert.True(Figure(figure) is { } got && Math.Abs(got - want) <= ExpectedTable.Tolerance, $"{figure}: {Figure(figure)} against R's {want}");
        }
    }

    [Fact]
    public void Each_roles_change_is_the_mean_change_of_the_ties_it_receives_as_R_computes_it()
    {
        var effect = Hospital();
        var expected = ExpectedTable.Load(ExpectedTable.ReferencePath("intervention-effect", "roles.csv"), "role");

        Assert.Equal(expected.Rows.Keys.Order(StringComparer.Ordinal), effect.Roles.Select(r => r.Role));
        foreach (var role in effect.Roles)
        {
            Assert.Equal(int.Parse(expected.Rows[role.Role]["ties"], CultureInfo.InvariantCulture), role.Ties);
            Assert.Equal(double.Parse(expected.Rows[role.Role]["mean_change"], CultureInfo.InvariantCulture), role.MeanChange, ExpectedTable.Tolerance);
        }

        Assert.Equal(1, effect.Roles.Single(r => r.Role == "Pharmacists").Targeted);
    }

    [Fact]
    public void Difference_in_differences_is_the_gap_between_the_two_sets_mean_changes_and_Welch_gives_its_p()
    {
        var effect = Hospital();

        Assert.Equal(effect.Targeted.MeanChange!.Value - effect.Untargeted.MeanChange!.Value, effect.DifferenceInDifferences!.Value, 1e-15);
        // The interval is centred on the estimate and excludes zero exactly when p < 0.05.
        Assert.Equal(effect.DifferenceInDifferences.Value, (effect.CiLow!.Value + effect.CiHigh!.Value) / 2, 1e-12);
        Assert.Equal(effect.PValue < 0.05, effect.CiLow > 0 || effect.CiHigh < 0);
    }

    [Fact]
    public void Untargeted_within_role_ties_are_left_out_and_a_targeted_one_counts()
    {
        var before = Data(("b1", "A", "B", All(2)), ("b2", "A", "B", All(3)), ("b3", "A", "A", All(2)), ("b4", "A", "A", All(3)));
        var after = Data(("a1", "A", "B", All(4)), ("a2", "A", "B", All(5)), ("a3", "A", "A", All(4)), ("a4", "A", "A", All(5)));
        var changes = WaveComparison.Compare(before, after);

        var untargeted = InterventionEffects.Estimate(changes, [("A", "B")]);
        var targeted = InterventionEffects.Estimate(changes, [("A", "B"), ("A", "A")]);

        Assert.Equal((1, 1, 0), (untargeted.Overall.Ties, untargeted.Targeted.Ties, untargeted.Untargeted.Ties));
        Assert.Null(untargeted.DifferenceInDifferences);
        Assert.Equal((2, 2), (targeted.Overall.Ties, targeted.Targeted.Ties));
    }

    [Fact]
    public void Without_spread_in_either_set_there_is_an_estimate_but_no_interval()
    {
        var before = Data(("b1", "A", "B", All(2)), ("b2", "A", "B", All(3)), ("b3", "B", "A", All(2)), ("b4", "B", "A", All(3)));
        var after = Data(("a1", "A", "B", All(4)), ("a2", "A", "B", All(5)), ("a3", "B", "A", All(2)), ("a4", "B", "A", All(3)));

        var effect = InterventionEffects.Estimate(WaveComparison.Compare(before, after), [("A", "B")]);

        Assert.Equal(2.0, effect.DifferenceInDifferences);
        Assert.Null(effect.CiLow);
        Assert.Null(effect.PValue);
        Assert.Null(effect.Targeted.CiLow);
    }
}
