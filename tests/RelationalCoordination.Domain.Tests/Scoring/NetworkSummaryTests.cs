using RelationalCoordination.Domain.Scoring;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>The respondent-level indices and the network figures of the summary.</summary>
public sealed class NetworkSummaryTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Respondent_indices_average_each_respondents_own_mean_first()
    {
        // r1: s = 5 (own role), 3, 1 → RC 3, B 2, W 5. r2: s = 4 (other role) → RC 4, B 4, no W.
        var summary = ScoringEngine.Score(Data(
            ("r1", "A", "A", All(5)),
            ("r1", "A", "B", All(3)),
            ("r1", "A", "C", All(1)),
            ("r2", "B", "A", All(4)))).Summary;

        Assert.Equal(3.5, summary.RcIndex);
        Assert.Equal(3.0, summary.RcBetween);
        Assert.Equal(5.0, summary.RcWithin);
    }

    [Fact]
    public void Network_figures_count_between_role_ties_only()
    {
        // Between-role ties: A→B 4.5 (strong), B→A 3.0 (weak), A→C 3.75 (moderate), C→A 2.0 (weak).
        var summary = ScoringEngine.Score(Data(
            ("a1", "A", "A", All(1)),
            ("a1", "A", "B", "5,4,5,4,5,4,"),
            ("a1", "A", "C", "4,4,4,3,,,"),
            ("b1", "B", "A", All(3)),
            ("c1", "C", "A", All(2)))).Summary;

        Assert.Equal(0.25, summary.StrongTieDensity);
        Assert.Equal(2, summary.WeakTies);
        Assert.Equal((1.5 + 1.75) / 2, summary.MeanReciprocityGap!.Value, Tolerance);
    }
}
