using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Scoring;

public sealed class WhereToStartTests
{
    private static TieResult Tie(string from, string to, double? strength, int n = 6, double[]? dims = null) =>
        new(from, to, n, strength, 0.5, null, null, [.. (dims ?? Enumerable.Repeat(strength ?? 0, 7).ToArray()).Select(d => (double?)d)], null, strength is null);

    private static ScoringResult Result(params TieResult[] ties) => new(
        new ScoringOptions(5, anonymous: true),
        [.. ties],
        [.. ties.SelectMany(t => new[] { t.FromRole, t.ToRole }).Distinct().Order(StringComparer.Ordinal).Select(r => new RoleResult(r, 6, null, null, null, null, null))],
        new NetworkSummary(0, 0, 0, null, null, null, null, null, null, null, null, null, 0, null));

    [Fact]
    public void Weakest_ties_come_first_and_suppressed_or_within_role_ties_never_count()
    {
        var points = WhereToStart.Analyse(Result(
            Tie("A", "B", 3.1), Tie("B", "A", 4.2), Tie("A", "C", 2.0), Tie("C", "A", null, n: 2), Tie("A", "A", 1.0), Tie("C", "B", 3.6)), count: 2);

        Assert.Equal(["A → C", "A → B"], points.WeakestTies.Select(t => $"{t.FromRole} → {t.ToRole}"));
    }

    [Fact]
    public void Strongest_ties_and_dimension_come_from_reportable_ties_between_roles_only()
    {
        var points = WhereToStart.Analyse(Result(
            Tie("A", "B", 3.1), Tie("B", "A", 4.2), Tie("A", "C", 2.0), Tie("C", "A", null, n: 2), Tie("A", "A", 5.0), Tie("C", "B", 4.2),
            Tie("B", "C", 3.0, dims: [3, 3, 3, 3, 3, 3, 4.9])), count: 3);

        Assert.Equal(["B → A", "C → B", "A → B"], points.StrongestTies.Select(t => $"{t.FromRole} → {t.ToRole}"));
        Assert.Equal(Dimension.MutualRespect, points.StrongestDimension);
    }

    [Fact]
    public void A_boundary_spanner_is_flagged_by_the_roles_that_experience_it_as_weak_suppressed_ties_aside()
    {
        var result = Result(
            Tie("A", "S", 3.0), Tie("B", "S", 4.0), Tie("C", "S", null, n: 2), Tie("S", "S", 1.0), Tie("S", "A", 4.5), Tie("S", "B", 2.5),
            Tie("A", "T", 4.0), Tie("T", "A", 3.6));

        var checks = WhereToStart.CheckSpanners(result, ["S", "T", "Nobody"]);

        var s = checks[0];
        Assert.Equal(3.5, s.Received!.Value, 12);   // (3.0 + 4.0) / 2: the suppressed C → S and S's own tie do not count
        Assert.Equal<string>(["A"], s.RatedWeakBy);
        Assert.Equal<string>(["B"], s.WeakWith);
        Assert.True(s.IsFlagged);
        Assert.False(checks[1].IsFlagged);
        Assert.Empty(checks[1].WeakWith);
        Assert.Null(checks[2].Received);
        Assert.False(checks[2].IsFlagged);
    }

    [Fact]
    public void The_most_asymmetric_pair_is_the_one_whose_directions_differ_most_when_both_are_reportable()
    {
        var points = WhereToStart.Analyse(Result(
            Tie("A", "B", 3.0), Tie("B", "A", 4.5), Tie("A", "C", 3.9), Tie("C", "A", 4.0), Tie("B", "C", 2.0), Tie("C", "B", null, n: 3)));

        Assert.Equal(2, points.AsymmetricPairs.Length);
        Assert.Equal(new RolePair("A", "B", 3.0, 4.5), points.AsymmetricPairs[0]);
        Assert.Equal(1.5, points.AsymmetricPairs[0].Gap!.Value, 12);
    }

    [Fact]
    public void The_weakest_dimension_has_the_lowest_mean_over_reportable_ties_between_roles()
    {
        var points = WhereToStart.Analyse(Result(
            Tie("A", "B", 3.5, dims: [4, 4, 4, 2, 4, 4, 4]), Tie("B", "A", 3.5, dims: [4, 4, 4, 3, 4, 4, 2.5]), Tie("A", "A", 1, dims: [1, 1, 1, 1, 1, 1, 1])));

        Assert.Equal(2.5, points.DimensionMeans[3]!.Value, 12);
        Assert.Equal(Domain.Instrument.Dimension.ProblemSolving, points.WeakestDimension);
    }

    [Fact]
    public void A_bridge_is_a_role_both_roles_of_a_weak_tie_work_well_with()
    {
        var points = WhereToStart.Analyse(Result(
            Tie("A", "B", 2.5), Tie("A", "C", 4.1), Tie("C", "B", 3.8), Tie("A", "D", 4.5), Tie("D", "B", 3.0)));

        var bridge = Assert.Single(points.Bridges);
        Assert.Equal(new Bridge("C", "A", "B", 3.8), bridge);
    }

    [Fact]
    public void Without_reportable_ties_there_is_nowhere_to_start_yet()
    {
        var points = WhereToStart.Analyse(Result(Tie("A", "B", null, n: 1)));

        Assert.Empty(points.WeakestTies);
        Assert.Null(points.WeakestDimension);
        Assert.Equal(7, points.DimensionMeans.Length);
        Assert.All(points.DimensionMeans, m => Assert.Null(m));
    }
}
