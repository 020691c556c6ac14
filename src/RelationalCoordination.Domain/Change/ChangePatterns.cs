using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;

namespace RelationalCoordination.Domain.Change;

/// <summary>The patterns in a result that point to interventions of the model.</summary>
public enum PatternRule
{
    /// <summary>Every feedback begins by making it safe to talk about relationships.</summary>
    SafetyFirst = 0,
    /// <summary>The ties between roles are weak on the whole: psychological safety needs more care.</summary>
    LowOverall = 1,
    /// <summary>One of the two weakest dimensions below 3.5 (or, when none is, the weakest one).</summary>
    WeakDimension = 2,
    /// <summary>Timely or accurate communication (the weaker of the two) is weak: the hand-offs themselves need work.</summary>
    LowTimelinessOrAccuracy = 3,
    /// <summary>Two roles experience their tie very differently.</summary>
    AsymmetricPair = 4,
    /// <summary>A tie between two roles is weak.</summary>
    WeakTie = 5,
    /// <summary>A role the work process designates as boundary spanner is experienced as weak.</summary>
    SpannerRatedWeak = 6,
    /// <summary>Weak ties have a bridge role, and no role is designated to span the boundary.</summary>
    NoDesignatedSpanner = 7,
    /// <summary>Every other role that rates a role experiences it as weak.</summary>
    RoleRatedLowByAll = 8,
}

/// <summary>One finding and the interventions it points to.</summary>
/// <param name="Rule">The pattern found.</param>
/// <param name="Items">The catalogue's interventions for it, in the order to consider them.</param>
/// <param name="Dimension">The dimension concerned (weak dimension), or null.</param>
/// <param name="FromRole">The first role concerned (a tie's rating role, a pair's first role, the spanner, the role rated low), or null.</param>
/// <param name="ToRole">The second role concerned (a tie's rated role, a pair's second role), or null.</param>
/// <param name="Value">The figure behind the finding (a mean, a tie strength, a gap), or null.</param>
/// <param name="Bridge">The role that works well with both roles of a weak tie (no designated spanner), or null.</param>
public sealed record Suggestion(
    PatternRule Rule,
    ImmutableArray<CatalogueItem> Items,
    Dimension? Dimension = null,
    string? FromRole = null,
    string? ToRole = null,
    double? Value = null,
    string? Bridge = null);

/// <summary>
/// Maps what a result shows to the Relational Model of Change's interventions. Reads only
/// reportable ties between different roles, so a suggestion never rests on fewer than k answers.
/// </summary>
public static class ChangePatterns
{
    /// <summary>Directions that differ by this much or more call for a conversation of difference.</summary>
    public const double LargeGap = 0.5;

    private static readonly ImmutableArray<string> WorkProcessSteps = ["assess-current-state", "identify-desired-state", "experiment"];

    /// <summary>The tools the model ties to each dimension, in survey order.</summary>
    public static ImmutableArray<ImmutableArray<string>> ToolsByDimension { get; } =
    [
        ["shared-meetings", "relational-job-design"],
        ["shared-meetings", "shared-protocols"],
        ["shared-protocols", "shared-information-systems"],
        ["humble-inquiry", "pearls", "shared-conflict-resolution"],
        ["identify-priorities", "shared-accountability", "shared-rewards"],
        ["conversations-of-interdependence", "conversations-of-difference", "training-for-teamwork"],
        ["behavioural-standards", "selection-for-teamwork", "shared-conflict-resolution"],
    ];

    /// <summary>
    /// The suggestions for a result, safety first, then in the order of <see cref="PatternRule"/>.
    /// <paramref name="designatedSpanners"/> are the roles the work process designates as boundary spanners.
    /// </summary>
    public static ImmutableArray<Suggestion> Suggest(ScoringResult result, IEnumerable<string> designatedSpanners, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(designatedSpanners);
        var ties = result.Ties.Where(t => !t.Suppressed && !t.IsWithinRole && t.Strength is not null).ToList();
        if (ties.Count == 0)
        {
            return [];
        }

        var points = WhereToStart.Analyse(result, count);
        var spanners = designatedSpanners.ToList();
        var list = new List<Suggestion>
        {
            new(PatternRule.SafetyFirst, Items("relational-legacy", "humble-inquiry", "relational-mapping")),
        };

        var overall = ties.Average(t => t.Strength!.Value);
        if (overall < TieBands.WeakBelow)
        {
            list.Add(new(PatternRule.LowOverall, Items("humble-inquiry", "pearls"), Value: overall));
        }

        // The two weakest dimensions below 3.5 (or, when none is, the weakest): a longer list would
        // bury the first steps under every tool of the model.
        var weakDimensions = points.DimensionMeans.Select((m, i) => (Mean: m, Dimension: (Dimension)i))
            .Where(x => x.Mean is < TieBands.WeakBelow).OrderBy(x => x.Mean).Take(2).ToList();
        if (weakDimensions.Count == 0 && points.WeakestDimension is { } weakest)
        {
            weakDimensions.Add((points.DimensionMeans[(int)weakest], weakest));
        }

        list.AddRange(weakDimensions.Select(x => new Suggestion(
            PatternRule.WeakDimension, [.. ToolsByDimension[(int)x.Dimension].Select(InterventionCatalogue.Get)], x.Dimension, Value: x.Mean)));

        var late = new[] { Dimension.Timely, Dimension.Accurate }
            .Select(d => (Dimension: d, Mean: points.DimensionMeans[(int)d])).Where(x => x.Mean is < TieBands.WeakBelow).OrderBy(x => x.Mean).FirstOrDefault();
        if (late.Mean is { } lateMean)
        {
            list.Add(new(PatternRule.LowTimelinessOrAccuracy,
                Items(["shared-protocols", "shared-meetings", "shared-information-systems", .. WorkProcessSteps]), late.Dimension, Value: lateMean));
        }

        list.AddRange(points.AsymmetricPairs.Where(p => p.Gap >= LargeGap).Take(count)
            .Select(p => new Suggestion(PatternRule.AsymmetricPair, Items("conversations-of-difference"), FromRole: p.A, ToRole: p.B, Value: p.Gap)));

        list.AddRange(points.WeakestTies.Where(t => t.Band == TieBand.Weak).Take(count)
            .Select(t => new Suggestion(PatternRule.WeakTie, Items(["conversations-of-interdependence", .. WorkProcessSteps]), FromRole: t.FromRole, ToRole: t.ToRole, Value: t.Strength)));

        list.AddRange(WhereToStart.CheckSpanners(result, spanners).Where(s => s.IsFlagged)
            .Select(s => new Suggestion(PatternRule.SpannerRatedWeak, Items("boundary-spanner-role", "relational-job-design"), FromRole: s.Role, Value: s.Received)));

        if (spanners.Count == 0 && points.Bridges.FirstOrDefault() is { } bridge)
        {
            list.Add(new(PatternRule.NoDesignatedSpanner, Items("boundary-spanner-role"), FromRole: bridge.WeakFrom, ToRole: bridge.WeakTo, Value: bridge.Weakest, Bridge: bridge.Role));
        }

        list.AddRange(ties.GroupBy(t => t.ToRole)
            .Where(g => g.Count() >= 2 && g.All(t => t.Band == TieBand.Weak))
            .Select(g => (Role: g.Key, Mean: g.Average(t => t.Strength!.Value)))
            .OrderBy(x => x.Mean).ThenBy(x => x.Role, StringComparer.Ordinal)
            .Select(x => new Suggestion(PatternRule.RoleRatedLowByAll, Items("relational-job-design", "selection-for-teamwork", "training-for-teamwork"), FromRole: x.Role, Value: x.Mean)));

        return [.. list];
    }

    private static ImmutableArray<CatalogueItem> Items(params string[] keys) => [.. keys.Select(InterventionCatalogue.Get)];
}
