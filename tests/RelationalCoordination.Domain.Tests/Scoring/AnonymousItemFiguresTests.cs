using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Domain.Scoring;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>
/// A reportable tie's item figures — its seven dimension means and rwg(j) — in an anonymous report
/// (decision 25). Each dimension mean used to average whoever answered that item, over every
/// observation: a reportable tie could publish one person's answer as a mean, and count someone who
/// answered too few items to be in n. Now they rest on the tie's complete observations, published
/// only when those and the tie's other scored observations are each none or at least k.
/// </summary>
public sealed class AnonymousItemFiguresTests
{
    private const int K = 3;
    private static readonly ScoringOptions Anonymous = new(K, anonymous: true);

    private static TieResult NursesToPharmacists(ResponseSet responses, ScoringOptions options) =>
        ScoringEngine.Score(responses, options).Ties.Single(t => t.FromRole == "Nurses" && t.ToRole == "Pharmacists");

    /// <summary>Three nurses rate the pharmacists; the victim alone answers problem-solving and shared goals.</summary>
    private static ResponseSet OneAnswersTwoItems(int victim) => Data(
        ("n1", "Nurses", "Pharmacists", $"4,4,4,{victim},{victim},4,4"),
        ("n2", "Nurses", "Pharmacists", "4,5,4,,,5,4"),
        ("n3", "Nurses", "Pharmacists", "5,4,4,,,4,5"));

    [Fact]
    public void An_item_answered_by_fewer_than_k_people_publishes_no_dimension_mean()
    {
        // Without anonymity the spec's mean of problem-solving is the victim's own answer.
        Assert.Equal(1.0, NursesToPharmacists(OneAnswersTwoItems(1), new ScoringOptions(K)).Mean(Dimension.ProblemSolving));

        var tie = NursesToPharmacists(OneAnswersTwoItems(1), Anonymous);

        Assert.Equal(3, tie.N);
        Assert.NotNull(tie.Strength);
        Assert.All(tie.DimensionMeans, Assert.Null);
        Assert.Null(tie.RwgJ);
    }

    [Fact]
    public void Someone_who_answered_too_few_items_for_a_tie_score_is_in_no_published_figure()
    {
        // Three nurses answer everything; a fourth answers "timely" only, so has no tie score and is not in n.
        static ResponseSet Survey(int victim) => Data(
            ("n1", "Nurses", "Pharmacists", "4,4,4,4,5,4,4"),
            ("n2", "Nurses", "Pharmacists", "4,3,4,5,5,4,4"),
            ("n3", "Nurses", "Pharmacists", "4,3,3,4,4,5,5"),
            ("n4", "Nurses", "Pharmacists", $",{victim},,,,,"));

        var low = ScoringEngine.Score(Survey(1), Anonymous);
        var high = ScoringEngine.Score(Survey(5), Anonymous);

        Assert.Equal(Describe(low), Describe(high));
        var tie = low.Ties.Single();
        Assert.Equal(3, tie.N);
        Assert.Equal(10.0 / 3, tie.Mean(Dimension.Timely)!.Value, 1e-12);
        // Without anonymity the victim is in the timely mean, and `4·D − 3·(the three's mean)` gives them away.
        Assert.NotEqual(Describe(ScoringEngine.Score(Survey(1), new ScoringOptions(K))), Describe(ScoringEngine.Score(Survey(5), new ScoringOptions(K))));
    }

    [Theory]
    [InlineData(1, false)]   // one nurse skipped an item: the tie strength minus the complete three would give that nurse away
    [InlineData(2, false)]
    [InlineData(3, true)]    // three skipped items: the complete three and the other three are each k
    public void Item_figures_are_withheld_unless_the_others_who_scored_the_tie_are_none_or_at_least_k(int partial, bool published)
    {
        var rows = new List<(string, string, string, string)>();
        for (var i = 0; i < 3; i++)
        {
            rows.Add(($"c{i}", "Nurses", "Pharmacists", $"{3 + (i % 2)},4,4,5,4,3,4"));
        }

        for (var i = 0; i < partial; i++)
        {
            rows.Add(($"p{i}", "Nurses", "Pharmacists", "2,2,,3,2,2,2"));
        }

        var tie = NursesToPharmacists(Data([.. rows]), Anonymous);

        Assert.Equal(3 + partial, tie.N);
        Assert.Equal(published, tie.RwgJ is not null);
        Assert.Equal(published ? 7 : 0, tie.DimensionMeans.Count(m => m is not null));
        if (published)
        {
            // Over the three complete observations only: (3 + 4 + 3) / 3, and 4, not the partial raters' 2.
            Assert.Equal(10.0 / 3, tie.Mean(Dimension.Frequent)!.Value, 1e-12);
            Assert.Equal(4.0, tie.Mean(Dimension.Timely)!.Value, 1e-12);
        }
    }

    [Fact]
    public void A_tie_everyone_answered_in_full_publishes_the_spec_s_figures_unchanged()
    {
        var responses = Data(
            ("n1", "Nurses", "Pharmacists", "4,4,4,4,5,4,4"),
            ("n2", "Nurses", "Pharmacists", "4,3,4,5,5,4,4"),
            ("n3", "Nurses", "Pharmacists", "4,3,3,4,4,5,5"));

        Assert.Equal(Describe(ScoringEngine.Score(responses, new ScoringOptions(K))), Describe(ScoringEngine.Score(responses, Anonymous)));
    }

    [Fact]
    public void The_summary_s_agreement_leaves_out_the_ties_whose_item_figures_are_withheld()
    {
        var rows = new List<(string, string, string, string)>();
        for (var i = 0; i < 3; i++)
        {
            rows.Add(($"n{i}", "Nurses", "Nurses", $"{3 + i},4,4,4,4,4,4"));
            rows.Add(($"n{i}", "Nurses", "Pharmacists", i == 0 ? "1,1,,1,1,1,1" : "5,5,5,5,5,5,4"));
        }

        var anonymous = ScoringEngine.Score(Data([.. rows]), Anonymous);
        var within = anonymous.Ties.Single(t => t.ToRole == "Nurses");

        Assert.Null(NursesToPharmacists(Data([.. rows]), Anonymous).RwgJ);
        Assert.Equal(within.RwgJ, anonymous.Summary.RwgJMean);
        Assert.Equal(within.RwgJ, anonymous.Summary.RwgJMedian);
    }

    [Fact]
    public void A_result_republished_by_this_method_shows_no_item_figure_the_earlier_publication_did_not()
    {
        // Published under the spec's old definition (every observation), scored again now.
        var rows = new List<(string, string, string, string)>();
        for (var i = 0; i < 3; i++)
        {
            rows.Add(($"n{i}", "Nurses", "Nurses", $"{3 + i},4,4,4,4,4,4"));
            rows.Add(($"n{i}", "Nurses", "Pharmacists", $"4,{3 + i},4,5,4,4,4"));
        }

        rows.Add(("victim", "Nurses", "Pharmacists", ",1,,,,,"));
        var responses = Data([.. rows]);
        var earlier = ScoringEngine.Score(responses, new ScoringOptions(K));
        var now = ScoringEngine.Score(responses, Anonymous);
        Assert.Equal(earlier.Ties[1].Strength, now.Ties[1].Strength);
        Assert.NotEqual(earlier.Ties[1].Mean(Dimension.Timely), now.Ties[1].Mean(Dimension.Timely));

        var republished = Republication.Within(earlier, now);

        Assert.Equal(now.Ties[0], republished.Ties[0]);      // Nurses → Nurses: the same figures
        Assert.All(republished.Ties[1].DimensionMeans, Assert.Null);
        Assert.Null(republished.Ties[1].RwgJ);
        Assert.Equal(now.Ties[1].Strength, republished.Ties[1].Strength);
        Assert.Equal(now.Ties[0].RwgJ, republished.Summary.RwgJMean);
        Assert.Equal(now.Roles, republished.Roles);
    }

    private static string Describe(ScoringResult result) =>
        string.Join('\n', result.Ties.Select(t => $"{t.FromRole}|{t.ToRole}|{t.N}|{t.Strength:R}|{t.StandardDeviation:R}|{string.Join(';', t.DimensionMeans)}|{t.RwgJ:R}"))
        + $"\n{result.Summary}";
}
