using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Domain.Scoring;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>"Anonymous reporting": below the minimum group size no number of a tie can be seen or recovered.</summary>
public sealed class AnonymousReportingTests
{
    private static readonly ScoringOptions Anonymous = new(minGroupSize: 3, anonymous: true);

    /// <summary>
    /// Nurses (3) and Physicians (3) rate each other; one lone Pharmacist rates both, so every
    /// Pharmacists → x tie is below k = 3.
    /// </summary>
    private static ResponseSet Survey(int pharmacistScore = 1)
    {
        var rows = new List<(string, string, string, string)>();
        for (var i = 0; i < 3; i++)
        {
            rows.Add(($"n{i}", "Nurses", "Nurses", All(5)));
            rows.Add(($"n{i}", "Nurses", "Physicians", All(3)));
            rows.Add(($"n{i}", "Nurses", "Pharmacists", All(4)));
            rows.Add(($"p{i}", "Physicians", "Nurses", All(4)));
            rows.Add(($"p{i}", "Physicians", "Physicians", All(4)));
        }

        rows.Add(("x0", "Pharmacists", "Nurses", All(pharmacistScore)));
        rows.Add(("x0", "Pharmacists", "Physicians", All(pharmacistScore)));
        rows.Add(("x0", "Pharmacists", "Pharmacists", All(pharmacistScore)));
        return Data([.. rows]);
    }

    [Fact]
    public void A_suppressed_tie_loses_every_number_its_n_included()
    {
        var tie = ScoringEngine.Score(Survey(), Anonymous).Ties.Single(t => t.FromRole == "Pharmacists" && t.ToRole == "Nurses");

        Assert.True(tie.Suppressed);
        Assert.Null(tie.N);
        Assert.Null(tie.Strength);
        Assert.Null(tie.StandardDeviation);
        Assert.Null(tie.CiLow);
        Assert.Null(tie.CiHigh);
        Assert.Null(tie.Band);
        Assert.Null(tie.RwgJ);
        Assert.All(tie.DimensionMeans, Assert.Null);
    }

    [Fact]
    public void Without_anonymity_a_suppressed_tie_is_only_flagged()
    {
        var tie = ScoringEngine.Score(Survey(), new ScoringOptions(3)).Ties.Single(t => t.FromRole == "Pharmacists" && t.ToRole == "Nurses");

        Assert.True(tie.Suppressed);
        Assert.Equal(1.0, tie.Strength);
        Assert.Equal(1, tie.N);
    }

    [Fact]
    public void A_role_below_the_minimum_group_size_publishes_no_count()
    {
        var anonymous = ScoringEngine.Score(Survey(), Anonymous).Roles;
        var open = ScoringEngine.Score(Survey(), new ScoringOptions(3)).Roles;

        Assert.Null(anonymous.Single(r => r.Role == "Pharmacists").Respondents);
        Assert.Equal(3, anonymous.Single(r => r.Role == "Nurses").Respondents);   // 3 = k: shown
        Assert.Equal(1, open.Single(r => r.Role == "Pharmacists").Respondents);
    }

    [Fact]
    public void Role_and_network_figures_use_reportable_ties_only()
    {
        var result = ScoringEngine.Score(Survey(), Anonymous);

        var nurses = result.Roles.Single(r => r.Role == "Nurses");
        Assert.Equal(4.0, nurses.RcReceived);  // Physicians → Nurses only; the lone pharmacist's 1 is left out
        Assert.Equal(3.5, nurses.RcGiven);     // (3 + 4) / 2
        var pharmacists = result.Roles.Single(r => r.Role == "Pharmacists");
        Assert.Null(pharmacists.RcGiven);
        Assert.Null(pharmacists.RcWithin);
        Assert.Equal(4.0, pharmacists.RcReceived);
        Assert.Equal(1, result.Summary.WeakTies);                // Nurses → Physicians 3
        Assert.Equal(2.0 / 3, result.Summary.StrongTieDensity);  // of 3 reportable between-role ties
        Assert.Equal(1.0, result.Summary.MeanReciprocityGap);    // |3 − 4|
    }

    [Fact]
    public void Nothing_reported_changes_when_a_suppressed_tie_changes()
    {
        // The subtraction attack: if any published figure — tie, role or summary — moved with the
        // lone pharmacist's answers, comparing two reports would reveal them.
        var low = ScoringEngine.Score(Survey(pharmacistScore: 1), Anonymous);
        var high = ScoringEngine.Score(Survey(pharmacistScore: 5), Anonymous);

        Assert.Equal(low.Ties.Select(Describe), high.Ties.Select(Describe));
        // (Arrays, not ImmutableArray: xunit compares the latter by reference.)
        Assert.Equal(low.Roles.ToArray(), high.Roles.ToArray());
        Assert.Equal(low.Summary, high.Summary);
        // …while the non-anonymous view does move, so the comparisons above can fail.
        Assert.NotEqual(
            ScoringEngine.Score(Survey(1), new ScoringOptions(3)).Roles.ToArray(),
            ScoringEngine.Score(Survey(5), new ScoringOptions(3)).Roles.ToArray());
        Assert.NotEqual(
            ScoringEngine.Score(Survey(1), new ScoringOptions(3)).Summary,
            ScoringEngine.Score(Survey(5), new ScoringOptions(3)).Summary);
    }

    [Fact]
    public void The_summary_pools_the_observations_of_reportable_ties_only()
    {
        var summary = ScoringEngine.Score(Survey(), Anonymous).Summary;

        Assert.Equal(6, summary.Respondents);     // the lone pharmacist's three observations are all in suppressed ties
        Assert.Equal(15, summary.Observations);
        Assert.Equal(((3 * 3.5) + (3 * 4.0)) / 6, summary.RcBetween!.Value, 1e-12);   // nurses (3 + 4) / 2, physicians 4
        Assert.Equal(((3 * 5.0) + (3 * 4.0)) / 6, summary.RcWithin!.Value, 1e-12);
        // The attack of issue 15: 7·rc_between − 6·(what the reportable ties give) would be the
        // pharmacist's score; with the pharmacist left out it is nothing but the reportable mean.
        var open = ScoringEngine.Score(Survey(pharmacistScore: 1), new ScoringOptions(3)).Summary;
        Assert.Equal(1.0, (7 * open.RcBetween!.Value) - (6 * summary.RcBetween.Value), 1e-12);
    }

    [Fact]
    public void With_no_reportable_tie_every_pooled_figure_is_withheld()
    {
        var withheld = ScoringEngine.Score(Survey(), new ScoringOptions(8, anonymous: true)).Summary;

        Assert.Equal((0, 0, 3), (withheld.Respondents, withheld.Observations, withheld.Roles));
        Assert.Null(withheld.RcIndex);
        Assert.Null(withheld.RcBetween);
        Assert.Null(withheld.RcWithin);
        Assert.Null(withheld.CronbachAlpha);
        Assert.Null(withheld.Icc1);
        Assert.Null(withheld.Icc2);
        Assert.Null(withheld.RwgJMean);
        Assert.Null(withheld.RwgJMedian);
    }

    [Fact]
    public void The_role_graph_for_centrality_leaves_suppressed_ties_out()
    {
        // Anonymous: Pharmacists have only Nurses → Pharmacists (4) as an edge. Non-anonymous, the
        // lone pharmacist's weak ties (1) would average that edge down to 2.5, off the working-tie network.
        var anonymous = ScoringEngine.Score(Survey(), Anonymous).Roles.Single(r => r.Role == "Nurses");
        var open = ScoringEngine.Score(Survey(), new ScoringOptions(3)).Roles.Single(r => r.Role == "Nurses");

        Assert.Equal(1.0, anonymous.Betweenness);   // Nurses bridge Physicians and Pharmacists
        Assert.Equal(0.0, open.Betweenness);
    }

    [Fact]
    public void A_wave_comparison_reported_anonymously_covers_ties_reportable_in_both_waves()
    {
        var before = Survey();
        var after = Survey();

        var open = WaveComparison.Compare(before, after, new ScoringOptions(3));
        var anonymous = WaveComparison.Compare(before, after, new ScoringOptions(4, anonymous: true));

        Assert.Equal(5, open.Length);      // every tie of the 3 × 3 nurses/physicians block, none of the lone pharmacist's
        Assert.Empty(anonymous);            // n = 3 < 4 everywhere
    }

    [Fact]
    public void The_minimum_group_size_is_never_below_three() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoringOptions(2));

    private static string Describe(TieResult tie) =>
        $"{tie.FromRole}|{tie.ToRole}|{tie.N}|{tie.Strength}|{tie.StandardDeviation}|{tie.CiLow}|{tie.CiHigh}|{string.Join(';', tie.DimensionMeans)}|{tie.RwgJ}|{tie.Suppressed}";
}
