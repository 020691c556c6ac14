using RelationalCoordination.Domain.Scoring;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>Cronbach's alpha, ICC(1), ICC(2) and rwg(j), computed by hand, and when they are undefined.</summary>
public sealed class PsychometricsTests
{
    [Fact]
    public void Cronbach_alpha_uses_complete_observations_only()
    {
        // Hand-computed: item variances sum to 4.4166…, the total's variance to 28.9166…
        var result = ScoringEngine.Score(Data(
            ("r1", "A", "B", "5,4,4,5,4,4,5"),
            ("r2", "A", "B", "3,3,2,3,3,2,3"),
            ("r3", "B", "A", "4,4,4,4,5,4,4"),
            ("r4", "B", "A", "2,3,2,2,2,3,2"),
            ("r5", "B", "A", "1,1,1,1,1,1,")));

        Assert.Equal(0.967741935483871, result.Summary.CronbachAlpha!.Value, 1e-12);
    }

    [Fact]
    public void Icc_comes_from_a_one_way_anova_of_respondent_scores_by_tie()
    {
        // Groups A→B {4, 4.5, 5}, A→C {2, 2.5}, B→A {3, 3, 3.5, 4}: MSB and MSW computed by hand.
        var result = ScoringEngine.Score(Data(
            ("r1", "A", "B", All(4)),
            ("r2", "A", "B", "4,5,4,5,,,"),
            ("r3", "A", "B", All(5)),
            ("r1", "A", "C", All(2)),
            ("r2", "A", "C", "2,3,,,2,3,"),
            ("b1", "B", "A", All(3)),
            ("b2", "B", "A", All(3)),
            ("b3", "B", "A", "3,4,3,4,,,"),
            ("b4", "B", "A", All(4))));

        Assert.Equal(0.8141592920353983, result.Summary.Icc1!.Value, 1e-12);
        Assert.Equal(0.9292929292929293, result.Summary.Icc2!.Value, 1e-12);
    }

    [Fact]
    public void Rwg_j_is_one_for_identical_answers_and_caps_the_variance_at_uniform()
    {
        var agreeing = ScoringEngine.Score(Data(
            ("r1", "A", "B", "5,4,4,5,4,4,5"),
            ("r2", "A", "B", "4,4,5,5,4,3,5"),
            ("r3", "A", "B", "5,5,4,4,4,4,5"),
            ("r4", "A", "C", All(4)),
            ("r5", "A", "C", All(4)),
            ("r6", "A", "D", All(1)),
            ("r7", "A", "D", All(5))));

        Assert.Equal(0.9810606060606061, agreeing.Ties.Single(t => t.ToRole == "B").RwgJ!.Value, 1e-12);
        Assert.Equal(1.0, agreeing.Ties.Single(t => t.ToRole == "C").RwgJ);
        // Variance 8 per item exceeds the uniform variance 2: no agreement at all.
        Assert.Equal(0.0, agreeing.Ties.Single(t => t.ToRole == "D").RwgJ);
        Assert.Equal((0.9810606060606061 + 1 + 0) / 3, agreeing.Summary.RwgJMean!.Value, 1e-12);
        Assert.Equal(0.9810606060606061, agreeing.Summary.RwgJMedian!.Value, 1e-12);
    }

    [Fact]
    public void Ties_with_equal_means_have_no_between_variance_and_so_no_icc2()
    {
        // A→B: 11/3 and 17/7; A→C: 5/3 and 31/7 — both 64/21 on average, though naive
        // floating-point means differ in the last bit. MSB = 0 exactly, so icc2 is undefined.
        var summary = ScoringEngine.Score(Data(
            ("r1", "A", "B", "4,4,4,4,3,3,"),
            ("r2", "A", "B", "3,3,3,2,2,2,2"),
            ("r1", "A", "C", "2,2,2,2,1,1,"),
            ("r2", "A", "C", "5,5,5,4,4,4,4"))).Summary;

        Assert.Null(summary.Icc2);
        Assert.Equal(-1.0, summary.Icc1!.Value, 1e-12);
    }

    [Fact]
    public void Alpha_is_undefined_when_the_totals_do_not_vary()
    {
        var summary = ScoringEngine.Score(Data(
            ("r1", "A", "B", All(4)),
            ("r2", "A", "B", All(4)))).Summary;

        Assert.Null(summary.CronbachAlpha);
        Assert.Equal(1.0, summary.RwgJMean);
    }
}
