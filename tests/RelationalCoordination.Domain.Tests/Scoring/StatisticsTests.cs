using RelationalCoordination.Domain.Scoring;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Scoring;

public sealed class StatisticsTests
{
    [Theory]
    // Two-sided 95 % critical values of Student's t (R: qt(0.975, df)); df = 10 re-checked by Simpson integration of the density.
    [InlineData(1, 12.706204736174707)]
    [InlineData(2, 4.302652729749464)]
    [InlineData(4, 2.7764451051977934)]
    [InlineData(10, 2.228138851986274)]
    [InlineData(30, 2.0422724563012373)]
    public void The_t_quantile_matches_published_critical_values(int df, double expected) =>
        Assert.Equal(expected, Statistics.StudentTQuantile(0.975, df), 1e-12);

    [Fact]
    public void Welch_at_the_critical_value_has_a_p_value_of_five_percent()
    {
        // Two ways to one figure: build samples whose Welch t equals the 97.5 % quantile for their df,
        // then the two-sided p-value must be exactly 0.05. Equal n and variances give df = 2n − 2.
        const int n = 6;
        const double variance = 1.7;
        var q = Statistics.StudentTQuantile(0.975, 2 * n - 2);
        var difference = q * Math.Sqrt(2 * variance / n);

        var test = Statistics.Welch(n, 3.0, variance, n, 3.0 + difference, variance)!;

        Assert.Equal(2 * n - 2, test.Df, 1e-12);
        Assert.Equal(q, test.T, 1e-12);
        Assert.Equal(0.05, test.PValue, 1e-12);
    }

    [Fact]
    public void Welch_t_and_degrees_of_freedom_follow_the_textbook_formulas()
    {
        // Samples {1..5} and {2,4,6,8,9,9}: hand-computed t and Welch–Satterthwaite df.
        var test = Statistics.Welch(5, 3.0, 2.5, 6, 38.0 / 6, 8.266666666666667)!;

        Assert.Equal(2.432521277052599, test.T, 1e-12);
        Assert.Equal(7.974702983428499, test.Df, 1e-12);
        Assert.InRange(test.PValue, 0.02, 0.05);
    }

    [Fact]
    public void Welch_is_undefined_without_spread_or_with_fewer_than_two_in_a_sample()
    {
        Assert.Null(Statistics.Welch(3, 4.0, 0, 4, 4.5, 0));
        Assert.Null(Statistics.Welch(1, 4.0, 0, 4, 4.5, 1));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, Statistics.Median([4, 1, 3, 2]));
        Assert.Equal(3.0, Statistics.Median([5, 1, 3]));
        Assert.Null(Statistics.Median([]));
    }
}
