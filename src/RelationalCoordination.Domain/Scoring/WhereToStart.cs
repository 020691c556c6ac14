using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>A pair of roles and how each experiences the other (either may be unreportable: null).</summary>
/// <param name="A">One role.</param>
/// <param name="B">The other role.</param>
/// <param name="AToB">T(A → B), how A experiences B.</param>
/// <param name="BToA">T(B → A), how B experiences A.</param>
public sealed record RolePair(string A, string B, double? AToB, double? BToA)
{
    /// <summary>|T(A → B) − T(B → A)| when both are reportable.</summary>
    public double? Gap => AToB is { } ab && BToA is { } ba ? Math.Abs(ab - ba) : null;
}

/// <summary>A role that both roles of a weak tie work well with: a bridge between them.</summary>
/// <param name="Role">The bridging role.</param>
/// <param name="WeakFrom">The rating role of the weak tie.</param>
/// <param name="WeakTo">The rated role of the weak tie.</param>
/// <param name="Weakest">The weaker of T(from → role) and T(role → to).</param>
public sealed record Bridge(string Role, string WeakFrom, string WeakTo, double Weakest);

/// <summary>Where a change team could start, from the reportable ties of an (anonymous) result.</summary>
/// <param name="StrongestTies">The strongest ties between roles, strongest first: where a change programme can begin, in an area of strength.</param>
/// <param name="WeakestTies">The weakest ties between roles, weakest first.</param>
/// <param name="AsymmetricPairs">The pairs whose two directions differ most, largest gap first.</param>
/// <param name="DimensionMeans">Each dimension's mean over the reportable ties between roles, in survey order (null when none).</param>
/// <param name="Bridges">Roles that work well (T ≥ 3.5 both ways round the weak tie) with both roles of a weak tie.</param>
public sealed record StartingPoints(
    ImmutableArray<TieResult> StrongestTies,
    ImmutableArray<TieResult> WeakestTies,
    ImmutableArray<RolePair> AsymmetricPairs,
    ImmutableArray<double?> DimensionMeans,
    ImmutableArray<Bridge> Bridges)
{
    /// <summary>The dimension with the highest mean, or null when no tie is reportable.</summary>
    public Dimension? StrongestDimension =>
        DimensionMeans.Select((m, i) => (m, i)).Where(x => x.m is not null).OrderByDescending(x => x.m).Select(x => (Dimension?)(Dimension)x.i).FirstOrDefault();

    /// <summary>The dimension with the lowest mean, or null when no tie is reportable.</summary>
    public Dimension? WeakestDimension =>
        DimensionMeans.Select((m, i) => (m, i)).Where(x => x.m is not null).OrderBy(x => x.m).Select(x => (Dimension?)(Dimension)x.i).FirstOrDefault();
}

/// <summary>How the others experience a role designated to span boundaries, from reportable ties only.</summary>
/// <param name="Role">The designated boundary spanner.</param>
/// <param name="Received">Its mean tie strength as the other roles experience it (reportable ties), or null.</param>
/// <param name="RatedWeakBy">The roles that experience it as weak (T below 3.5), weakest first.</param>
/// <param name="WeakWith">The roles it experiences as weak: the connectors a bridger lacks, weakest first.</param>
public sealed record SpannerCheck(string Role, double? Received, ImmutableArray<string> RatedWeakBy, ImmutableArray<string> WeakWith)
{
    /// <summary>True when the others, on the whole, experience it as weak, or any of them does.</summary>
    public bool IsFlagged => Received is < TieBands.WeakBelow || !RatedWeakBy.IsEmpty;
}

/// <summary>The Relational Model of Change made concrete: which ties, pairs, dimension and roles to start with.</summary>
public static class WhereToStart
{
    /// <summary>
    /// Reads only reportable ties between two different roles (a suppressed tie never contributes):
    /// the <paramref name="count"/> strongest and the <paramref name="count"/> weakest ties, the <paramref name="count"/> most asymmetric pairs,
    /// each dimension's mean, and for each weak tie among the weakest the roles that both of its
    /// roles work well with.
    /// </summary>
    public static StartingPoints Analyse(ScoringResult result, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ties = result.Ties.Where(t => !t.Suppressed && !t.IsWithinRole && t.Strength is not null).ToList();
        var byPair = ties.ToDictionary(t => (t.FromRole, t.ToRole));
        double? Strength(string from, string to) => byPair.TryGetValue((from, to), out var t) ? t.Strength : null;

        var strongest = ties.OrderByDescending(t => t.Strength).ThenBy(t => t.FromRole, StringComparer.Ordinal).ThenBy(t => t.ToRole, StringComparer.Ordinal).Take(count).ToImmutableArray();
        var weakest = ties.OrderBy(t => t.Strength).ThenBy(t => t.FromRole, StringComparer.Ordinal).ThenBy(t => t.ToRole, StringComparer.Ordinal).Take(count).ToImmutableArray();

        var pairs = ties.Where(t => string.CompareOrdinal(t.FromRole, t.ToRole) < 0)
            .Select(t => new RolePair(t.FromRole, t.ToRole, t.Strength, Strength(t.ToRole, t.FromRole)))
            .Where(p => p.Gap is not null)
            .OrderByDescending(p => p.Gap).ThenBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal)
            .Take(count).ToImmutableArray();

        var means = Dimensions.All.Select(d =>
        {
            var values = ties.Select(t => t.Mean(d)).OfType<double>().ToList();
            return values.Count == 0 ? (double?)null : values.Average();
        }).ToImmutableArray();

        var roles = result.Roles.Select(r => r.Role).ToList();
        var bridges = weakest.Where(t => t.Band == TieBand.Weak)
            .SelectMany(weak => roles.Where(c => c != weak.FromRole && c != weak.ToRole)
                .Select(c => (c, a: Strength(weak.FromRole, c), b: Strength(c, weak.ToRole)))
                .Where(x => x.a >= TieBands.WeakBelow && x.b >= TieBands.WeakBelow)
                .Select(x => new Bridge(x.c, weak.FromRole, weak.ToRole, Math.Min(x.a!.Value, x.b!.Value)))
                .OrderByDescending(b => b.Weakest).ThenBy(b => b.Role, StringComparer.Ordinal).Take(3))
            .ToImmutableArray();

        return new StartingPoints(strongest, weakest, pairs, means, bridges);
    }

    /// <summary>
    /// For each role the work process designates as a boundary spanner: how the other roles
    /// experience it (the mean of its reportable incoming ties from other roles), which of them
    /// experience it as weak, and which roles it experiences as weak. Suppressed ties never count.
    /// </summary>
    public static ImmutableArray<SpannerCheck> CheckSpanners(ScoringResult result, IEnumerable<string> designated)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(designated);
        var ties = result.Ties.Where(t => !t.Suppressed && !t.IsWithinRole && t.Strength is not null).ToList();
        return [.. designated.Distinct(StringComparer.Ordinal).Select(role =>
        {
            var incoming = ties.Where(t => t.ToRole == role).ToList();
            var outgoing = ties.Where(t => t.FromRole == role).ToList();
            return new SpannerCheck(
                role,
                incoming.Count == 0 ? null : incoming.Average(t => t.Strength!.Value),
                [.. incoming.Where(t => t.Band == TieBand.Weak).OrderBy(t => t.Strength).ThenBy(t => t.FromRole, StringComparer.Ordinal).Select(t => t.FromRole)],
                [.. outgoing.Where(t => t.Band == TieBand.Weak).OrderBy(t => t.Strength).ThenBy(t => t.ToRole, StringComparer.Ordinal).Select(t => t.ToRole)]);
        })];
    }
}
