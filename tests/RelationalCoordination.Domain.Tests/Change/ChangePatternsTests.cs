using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Change;

public sealed class ChangePatternsTests
{
    private static TieResult Tie(string from, string to, double? strength, double[]? dims = null) =>
        new(from, to, strength is null ? null : 6, strength, 0.5, null, null,
            [.. (dims ?? Enumerable.Repeat(strength ?? 0, 7).ToArray()).Select(d => strength is null ? null : (double?)d)], null, strength is null);

    private static ScoringResult Result(params TieResult[] ties) => new(
        new ScoringOptions(5, anonymous: true),
        [.. ties],
        [.. ties.SelectMany(t => new[] { t.FromRole, t.ToRole }).Distinct().Order(StringComparer.Ordinal).Select(r => new RoleResult(r, 6, null, null, null, null, null))],
        new NetworkSummary(0, 0, 0, null, null, null, null, null, null, null, null, null, 0, null));

    /// <summary>A weak, lopsided network: low overall, every dimension weak, a gap, a spanner rated weak, a role everyone rates low.</summary>
    private static ScoringResult Troubled() => Result(
        Tie("Nurses", "Physicians", 2.0), Tie("Physicians", "Nurses", 3.2),
        Tie("Nurses", "Case managers", 3.0), Tie("Case managers", "Nurses", 3.4),
        Tie("Physicians", "Case managers", 2.5), Tie("Case managers", "Physicians", 2.2));

    /// <summary>Strong on the whole, a weak tie bridged by a third role, no designated spanner.</summary>
    private static ScoringResult Bridged() => Result(
        Tie("A", "B", 3.0), Tie("B", "A", 4.5), Tie("A", "C", 4.5), Tie("C", "B", 4.5), Tie("C", "A", 4.6), Tie("B", "C", 4.4));

    /// <summary>Strong everywhere but one dimension.</summary>
    private static ScoringResult WeakIn(Dimension dimension)
    {
        var dims = Enumerable.Repeat(4.5, 7).ToArray();
        dims[(int)dimension] = 3.0;
        return Result(Tie("A", "B", 4.3, dims), Tie("B", "A", 4.3, dims));
    }

    [Fact]
    public void Every_intervention_of_the_model_is_reachable_by_some_rule()
    {
        var results = new[] { ChangePatterns.Suggest(Troubled(), ["Case managers"]), ChangePatterns.Suggest(Bridged(), []) }
            .Concat(Dimensions.All.Select(d => ChangePatterns.Suggest(WeakIn(d), [])));
        var suggestions = results.SelectMany(s => s).ToList();

        Assert.Equal(InterventionCatalogue.All.Select(i => i.Key).Order(), suggestions.SelectMany(s => s.Items).Select(i => i.Key).Distinct().Order());
        // Each dimension weak on its own leads to its own tools first.
        foreach (var d in Dimensions.All)
        {
            var weak = Assert.Single(ChangePatterns.Suggest(WeakIn(d), []), s => s.Rule == PatternRule.WeakDimension);
            Assert.Equal(d, weak.Dimension);
            Assert.Equal(ChangePatterns.ToolsByDimension[(int)d], weak.Items.Select(i => i.Key));
        }
    }

    [Fact]
    public void At_most_the_two_weakest_dimensions_are_named_and_timeliness_or_accuracy_once()
    {
        var suggestions = ChangePatterns.Suggest(Troubled(), []);

        Assert.Equal(2, suggestions.Count(s => s.Rule == PatternRule.WeakDimension));
        Assert.Single(suggestions, s => s.Rule == PatternRule.LowTimelinessOrAccuracy);
    }

    [Fact]
    public void Safety_comes_first_and_psychological_safety_gets_more_care_where_ties_are_weak()
    {
        var suggestions = ChangePatterns.Suggest(Troubled(), ["Case managers"]);

        Assert.Equal(PatternRule.SafetyFirst, suggestions[0].Rule);
        Assert.Equal(["relational-legacy", "humble-inquiry", "relational-mapping"], suggestions[0].Items.Select(i => i.Key));
        Assert.Contains(suggestions, s => s.Rule == PatternRule.LowOverall && s.Items.Any(i => i.Key == "pearls"));
        Assert.DoesNotContain(ChangePatterns.Suggest(Bridged(), []), s => s.Rule == PatternRule.LowOverall);
    }

    [Fact]
    public void Each_weak_dimension_leads_to_its_tools()
    {
        var goals = Result(Tie("A", "B", 4.2, [4.5, 4.5, 4.5, 4.5, 3.0, 4.5, 3.4]), Tie("B", "A", 4.2, [4.5, 4.5, 4.5, 4.5, 3.2, 4.5, 3.2]));

        var weak = ChangePatterns.Suggest(goals, []).Where(s => s.Rule == PatternRule.WeakDimension).ToList();

        Assert.Equal([Dimension.SharedGoals, Dimension.MutualRespect], weak.Select(s => s.Dimension!.Value));
        Assert.Equal(3.1, weak[0].Value!.Value, 12);
        Assert.Equal("identify-priorities", weak[0].Items[0].Key);
        Assert.Equal("behavioural-standards", weak[1].Items[0].Key);
    }

    [Fact]
    public void Low_timeliness_leads_to_protocols_huddles_information_systems_and_the_work_process_steps()
    {
        var late = Result(Tie("A", "B", 4.2, [4.5, 2.5, 4.5, 4.5, 4.5, 4.5, 4.5]), Tie("B", "A", 4.2));

        var suggestion = Assert.Single(ChangePatterns.Suggest(late, []), s => s.Rule == PatternRule.LowTimelinessOrAccuracy);

        Assert.Equal(Dimension.Timely, suggestion.Dimension);
        Assert.Equal(["shared-protocols", "shared-meetings", "shared-information-systems", "assess-current-state", "identify-desired-state", "experiment"],
            suggestion.Items.Select(i => i.Key));
    }

    [Fact]
    public void A_large_gap_leads_to_a_conversation_of_difference_and_a_weak_tie_to_one_of_interdependence()
    {
        var suggestions = ChangePatterns.Suggest(Bridged(), []);

        var gap = Assert.Single(suggestions, s => s.Rule == PatternRule.AsymmetricPair);
        Assert.Equal(("A", "B", 1.5), (gap.FromRole, gap.ToRole, gap.Value));
        var weak = Assert.Single(suggestions, s => s.Rule == PatternRule.WeakTie);
        Assert.Equal(("A", "B"), (weak.FromRole, weak.ToRole));
        Assert.Equal("conversations-of-interdependence", weak.Items[0].Key);
        var bridge = Assert.Single(suggestions, s => s.Rule == PatternRule.NoDesignatedSpanner);
        Assert.Equal("C", bridge.Bridge);
    }

    [Fact]
    public void A_designated_spanner_rated_weak_leads_to_redesigning_its_role_and_a_role_everyone_rates_low_to_job_design()
    {
        var suggestions = ChangePatterns.Suggest(Troubled(), ["Case managers"]);

        Assert.Equal("Case managers", Assert.Single(suggestions, s => s.Rule == PatternRule.SpannerRatedWeak).FromRole);
        Assert.DoesNotContain(suggestions, s => s.Rule == PatternRule.NoDesignatedSpanner);
        var low = suggestions.Where(s => s.Rule == PatternRule.RoleRatedLowByAll).Select(s => s.FromRole).ToList();
        Assert.Equal(["Physicians", "Case managers", "Nurses"], low);
    }

    [Fact]
    public void A_suppressed_tie_never_leads_to_a_suggestion()
    {
        var hidden = Result(Tie("A", "B", 4.5), Tie("B", "A", 4.4), Tie("A", "C", null), Tie("C", "A", null), Tie("B", "C", 4.2), Tie("C", "B", 4.3));

        var suggestions = ChangePatterns.Suggest(hidden, ["C"]);

        Assert.DoesNotContain(suggestions, s => s.FromRole == "C" || s.ToRole == "C" || s.Rule == PatternRule.WeakTie);
        Assert.Empty(ChangePatterns.Suggest(Result(Tie("A", "B", null)), []));
    }

    [Fact]
    public void The_catalogue_holds_the_models_eight_relational_three_work_process_and_ten_structural_interventions()
    {
        Assert.Equal(8, InterventionCatalogue.All.Count(i => i.Kind == InterventionKind.Relational));
        Assert.Equal(3, InterventionCatalogue.All.Count(i => i.Kind == InterventionKind.WorkProcess));
        Assert.Equal(10, InterventionCatalogue.All.Count(i => i.Kind == InterventionKind.Structural));
        Assert.Equal(InterventionCatalogue.All.Length, InterventionCatalogue.All.Select(i => i.Key).Distinct().Count());
        Assert.Null(InterventionCatalogue.Find("no-such-thing"));
        Assert.All(ChangePatterns.ToolsByDimension.SelectMany(k => k), key => Assert.NotNull(InterventionCatalogue.Find(key)));
    }
}
