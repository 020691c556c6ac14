using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>Each tie's n, strength, spread and band, computed by hand, and its edge cases.</summary>
public sealed class TieFigureTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Tie_strength_is_mean_of_respondent_scores()
    {
        // s1 = (5+4+4+4)/4 = 4.25 from four answered items; s2 = 3.
        var result = ScoringEngine.Score(Data(
            ("r1", "A", "B", "5,4,4,4,,,"),
            ("r2", "A", "B", All(3))));

        var tie = Assert.Single(result.Ties);
        Assert.Equal(2, tie.N);
        Assert.Equal(3.625, tie.Strength!.Value, Tolerance);
        // sd = |4.25 − 3| / √2; the CI half-width is t(0.975, 1) · sd / √2 = 12.706204736174707 · 0.625.
        Assert.Equal(1.25 / Math.Sqrt(2), tie.StandardDeviation!.Value, Tolerance);
        Assert.Equal(3.625 - 12.706204736174707 * 0.625, tie.CiLow!.Value, 1e-9);
        Assert.Equal(3.625 + 12.706204736174707 * 0.625, tie.CiHigh!.Value, 1e-9);
        Assert.Equal(TieBand.Moderate, tie.Band);
    }

    [Fact]
    public void An_observation_with_fewer_than_four_items_counts_in_dimension_means_but_not_in_the_tie()
    {
        var result = ScoringEngine.Score(Data(
            ("r1", "A", "B", All(4)),
            ("r2", "A", "B", "2,2,2,,,,")));

        var tie = Assert.Single(result.Ties);
        Assert.Equal(1, tie.N);
        Assert.Equal(4.0, tie.Strength);
        Assert.Equal(3.0, tie.Mean(Dimension.Frequent));
        Assert.Equal(3.0, tie.Mean(Dimension.Accurate));
        Assert.Equal(4.0, tie.Mean(Dimension.ProblemSolving));
        Assert.Equal(2, result.Summary.Observations);
    }

    [Fact]
    public void An_observation_with_every_item_not_applicable_adds_to_nothing_but_the_observation_count()
    {
        var result = ScoringEngine.Score(Data(
            ("r1", "A", "B", All(4)),
            ("r2", "A", "B", ",,,,,,")));

        var tie = Assert.Single(result.Ties);
        Assert.Equal(1, tie.N);
        Assert.All(tie.DimensionMeans, mean => Assert.Equal(4.0, mean));
        Assert.Equal(2, result.Summary.Observations);
        Assert.Equal(2, result.Summary.Respondents);
        Assert.Equal(4.0, result.Summary.RcIndex);
    }

    [Fact]
    public void A_tie_whose_observations_all_lack_four_items_is_not_reported()
    {
        var result = ScoringEngine.Score(Data(("r1", "A", "B", "5,5,5,,,,")));

        Assert.Empty(result.Ties);
        Assert.Null(result.Summary.RcIndex);
        Assert.All(result.Roles, role => Assert.Null(role.RcGiven));
    }

    [Fact]
    public void A_tie_with_one_respondent_has_a_strength_but_no_spread()
    {
        var tie = Assert.Single(ScoringEngine.Score(Data(("r1", "A", "B", "4,4,3,3,,,"))).Ties);

        Assert.Equal(1, tie.N);
        Assert.Equal(3.5, tie.Strength);
        Assert.Null(tie.StandardDeviation);
        Assert.Null(tie.CiLow);
        Assert.Null(tie.CiHigh);
        Assert.Null(tie.RwgJ);
        Assert.True(tie.Suppressed);
    }

    [Theory]
    [InlineData(3.4999999, TieBand.Weak)]
    [InlineData(3.5, TieBand.Moderate)]
    [InlineData(3.9999999, TieBand.Moderate)]
    [InlineData(4.0, TieBand.Strong)]
    [InlineData(1.0, TieBand.Weak)]
    [InlineData(5.0, TieBand.Strong)]
    public void Bands_split_at_three_and_a_half_and_four(double strength, TieBand band) =>
        Assert.Equal(band, TieBands.Of(strength));

    [Fact]
    public void A_tie_whose_mean_is_exactly_three_and_a_half_is_moderate()
    {
        // s = 26/6, 5 and 7/6: the exact mean is 63/18 = 3.5, which naive floating-point
        // summation gets as 3.4999999999999996, a weak tie.
        var result = ScoringEngine.Score(Data(
            ("r1", "A", "B", "5,5,4,4,4,4,"),
            ("r2", "A", "B", All(5)),
            ("r3", "A", "B", "2,1,1,1,1,1,")));

        var tie = Assert.Single(result.Ties);
        Assert.Equal(3.5, tie.Strength);
        Assert.Equal(TieBand.Moderate, tie.Band);
        Assert.Equal(0, result.Summary.WeakTies);
    }

    [Fact]
    public void A_tie_whose_respondents_all_agree_has_no_spread_at_all()
    {
        var tie = Assert.Single(ScoringEngine.Score(Data(
            ("r1", "A", "B", "4,4,4,4,5,,"),
            ("r2", "A", "B", "4,4,5,4,4,,"),
            ("r3", "A", "B", "5,4,4,4,4,,"))).Ties);

        Assert.Equal(4.2, tie.Strength);
        Assert.Equal(0.0, tie.StandardDeviation);
        Assert.Equal(tie.Strength, tie.CiLow);
        Assert.Equal(tie.Strength, tie.CiHigh);
    }
}
