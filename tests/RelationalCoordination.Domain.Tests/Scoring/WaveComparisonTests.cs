using RelationalCoordination.Domain.Scoring;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Scoring;

public sealed class WaveComparisonTests
{
    [Fact]
    public void A_tie_is_compared_when_both_waves_have_two_respondent_scores()
    {
        var before = Data(("b1", "A", "B", All(2)), ("b2", "A", "B", All(3)), ("b3", "A", "C", All(3)));
        var after = Data(("a1", "A", "B", All(4)), ("a2", "A", "B", All(5)), ("a3", "A", "B", All(3)), ("a4", "A", "C", All(3)), ("a5", "A", "C", All(4)));

        var change = Assert.Single(WaveComparison.Compare(before, after));

        Assert.Equal(("A", "B", 2, 3), (change.FromRole, change.ToRole, change.NBefore, change.NAfter));
        Assert.Equal(2.5, change.Before);
        Assert.Equal(4.0, change.After);
        Assert.Equal(1.5, change.Change);
        // Welch by hand: variances 0.5 and 1 → se² = 0.25 + 0.3333…, t = 1.5 / √0.58333…
        Assert.Equal(1.5 / Math.Sqrt(0.25 + 1.0 / 3), change.T!.Value, 1e-12);
        var se2 = 0.25 + 1.0 / 3;
        Assert.Equal(se2 * se2 / (0.25 * 0.25 / 1 + 1.0 / 9 / 2), change.Df!.Value, 1e-12);
        Assert.InRange(change.PValue!.Value, 0, 1);
    }

    [Fact]
    public void Ties_are_matched_by_role_name_even_when_a_wave_adds_roles()
    {
        var before = Data(("b1", "Nurses", "Physicians", All(2)), ("b2", "Nurses", "Physicians", All(3)));
        var after = Data(
            ("a0", "Aides", "Physicians", All(5)),
            ("a1", "Nurses", "Physicians", All(3)),
            ("a2", "Nurses", "Physicians", All(4)));

        var change = Assert.Single(WaveComparison.Compare(before, after));

        Assert.Equal(("Nurses", "Physicians"), (change.FromRole, change.ToRole));
        Assert.Equal(1.0, change.Change);
    }

    [Fact]
    public void Identical_waves_without_spread_have_no_t_test()
    {
        var wave = Data(("r1", "A", "B", All(4)), ("r2", "A", "B", All(4)));

        var change = Assert.Single(WaveComparison.Compare(wave, wave));

        Assert.Equal(0.0, change.Change);
        Assert.Null(change.T);
        Assert.Null(change.Df);
        Assert.Null(change.PValue);
        Assert.False(change.IsSignificant);
    }
}
