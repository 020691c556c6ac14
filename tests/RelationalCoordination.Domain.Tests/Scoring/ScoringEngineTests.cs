using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using Xunit;
using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>Small cases computed by hand, one formula at a time, and the edge cases.</summary>
public sealed class ScoringEngineTests
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
    public void Role_scores_average_the_ties_given_and_received()
    {
        // A→A 5, A→B 2, A→C 4; B→A 3, B→B 4; C rated, never answers.
        var result = ScoringEngine.Score(Data(
            ("a1", "A", "A", All(5)),
            ("a1", "A", "B", All(2)),
            ("a1", "A", "C", All(4)),
            ("b1", "B", "A", All(3)),
            ("b1", "B", "B", All(4))));

        var a = result.Roles.Single(r => r.Role == "A");
        Assert.Equal(1, a.Respondents);
        Assert.Equal(3.0, a.RcGiven);       // (2 + 4) / 2, the within-role tie excluded
        Assert.Equal(3.0, a.RcReceived);    // B→A
        Assert.Equal(5.0, a.RcWithin);

        var c = result.Roles.Single(r => r.Role == "C");
        Assert.Equal(0, c.Respondents);
        Assert.Null(c.RcGiven);
        Assert.Equal(4.0, c.RcReceived);
        Assert.Null(c.RcWithin);
    }

    [Fact]
    public void A_role_that_answers_but_is_never_rated_has_no_received_score()
    {
        var result = ScoringEngine.Score(Data(
            ("p1", "Patients", "Nurses", All(4)),
            ("n1", "Nurses", "Nurses", All(5))));

        var patients = result.Roles.Single(r => r.Role == "Patients");
        Assert.Equal(1, patients.Respondents);
        Assert.Equal(4.0, patients.RcGiven);
        Assert.Null(patients.RcReceived);
        Assert.Null(patients.RcWithin);
    }

    [Fact]
    public void A_declared_role_nobody_answers_for_or_about_is_still_a_role_without_figures()
    {
        var result = ScoringEngine.Score(Data(
            ["Porters"],
            ("a1", "A", "B", All(4)),
            ("b1", "B", "A", All(4))));

        var porters = result.Roles.Single(r => r.Role == "Porters");
        Assert.Equal(0, porters.Respondents);
        Assert.Null(porters.RcGiven);
        Assert.Null(porters.RcReceived);
        Assert.Null(porters.RcWithin);
        Assert.Equal(0.0, porters.Betweenness);
        Assert.Equal(0.0, porters.Eigenvector!.Value, Tolerance);
        Assert.Equal(3, result.Summary.Roles);
    }

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
    public void Undefined_figures_are_absent_rather_than_nan_or_zero()
    {
        var result = ScoringEngine.Score(Data(("r1", "A", "A", All(4))));

        var summary = result.Summary;
        Assert.Null(summary.CronbachAlpha);
        Assert.Null(summary.Icc1);
        Assert.Null(summary.Icc2);
        Assert.Null(summary.RwgJMean);
        Assert.Null(summary.RwgJMedian);
        Assert.Null(summary.StrongTieDensity);
        Assert.Null(summary.MeanReciprocityGap);
        Assert.Null(summary.RcBetween);
        Assert.Equal(0, summary.WeakTies);
        var role = Assert.Single(result.Roles);
        Assert.Null(role.Betweenness);
        Assert.Null(role.Eigenvector);
    }

    [Fact]
    public void Results_are_ordered_by_role_name_ordinally_whatever_the_input_order()
    {
        var result = ScoringEngine.Score(Data(
            ("r1", "nurses", "Ärzte", All(4)),
            ("r2", "Ärzte", "Nurses", All(4)),
            ("r3", "Nurses", "nurses", All(4))));

        Assert.Equal(["Nurses", "nurses", "Ärzte"], result.Roles.Select(r => r.Role));
        Assert.Equal(
            ["Nurses→nurses", "nurses→Ärzte", "Ärzte→Nurses"],
            result.Ties.Select(t => $"{t.FromRole}→{t.ToRole}"));
    }

    [Fact]
    public void Role_names_with_commas_quotes_html_and_other_scripts_are_roles_like_any_other()
    {
        string[] names = ["Læger, \"on call\"", "<b>Nurses</b> & aides", "护士", "أطباء"];
        var rows = names.SelectMany(
            (from, i) => names.Select(to => ($"r{i}", from, to, All(4)))).ToArray();

        var result = ScoringEngine.Score(Data(rows));

        Assert.Equal(names.Order(StringComparer.Ordinal), result.Roles.Select(r => r.Role));
        Assert.Equal(16, result.Ties.Length);
        Assert.All(result.Roles, role => Assert.Equal(4.0, role.RcGiven));
    }
}
