using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>How one role is experienced by a set of other roles, from their reportable ties to it.</summary>
/// <param name="Role">The rated role.</param>
/// <param name="Mean">The mean strength of those ties (each tie counts once), or null when none is reportable.</param>
/// <param name="Ties">The reportable ties it is the mean of, in the order of the rating roles.</param>
public sealed record ExperiencedRole(string Role, double? Mean, ImmutableArray<TieResult> Ties);

/// <summary>Leaders and clients seen through the ties of a result: only ties rated by at least k people.</summary>
/// <param name="LeadersByFrontline">
/// Each leader role as the frontline (staff) roles experience it: relational leadership is leaders
/// building shared goals, shared knowledge and mutual respect with those they lead.
/// </param>
/// <param name="AmongLeaders">
/// The reportable ties from leader roles to leader roles (a leader role about itself included):
/// leaders who coordinate weakly with each other pass the weakness on.
/// </param>
/// <param name="RolesByClients">
/// Each staff or leader role as the client roles experience it: relational coproduction, the work
/// done with clients rather than to them.
/// </param>
public sealed record KindViews(
    ImmutableArray<ExperiencedRole> LeadersByFrontline,
    ImmutableArray<TieResult> AmongLeaders,
    ImmutableArray<ExperiencedRole> RolesByClients);

/// <summary>
/// The leader and client views of a result (Gittell's relational leadership and relational
/// coproduction) from the same reportable ties as every other figure: a suppressed tie never
/// counts, so nothing here rests on fewer than k respondents. Frontline means staff: a client
/// rating a leader is a client's view, not a colleague's.
/// </summary>
public static class RoleKindViews
{
    /// <param name="result">A scoring result (anonymous or not: suppressed ties are left out either way).</param>
    /// <param name="roles">Every role with its kind, in the order the views list them; a role not given is staff.</param>
    public static KindViews Analyse(ScoringResult result, IReadOnlyList<KeyValuePair<string, RoleKind>> roles)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(roles);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, RoleKind>(StringComparer.Ordinal);
        foreach (var (role, kind) in roles)
        {
            if (order.TryAdd(role, order.Count))
            {
                kinds[role] = kind;
            }
        }

        RoleKind KindOf(string role) => kinds.GetValueOrDefault(role, RoleKind.Staff);
        int Position(string role) => order.TryGetValue(role, out var i) ? i : int.MaxValue;

        var reportable = result.Ties
            .Where(t => !t.Suppressed && t.Strength is not null)
            .OrderBy(t => Position(t.FromRole)).ThenBy(t => t.FromRole, StringComparer.Ordinal)
            .ThenBy(t => Position(t.ToRole)).ThenBy(t => t.ToRole, StringComparer.Ordinal)
            .ToList();

        ImmutableArray<ExperiencedRole> Experienced(IEnumerable<string> rated, RoleKind raters) =>
        [
            .. rated.Select(role =>
            {
                var ties = reportable.Where(t => t.ToRole == role && !t.IsWithinRole && KindOf(t.FromRole) == raters).ToImmutableArray();
                return new ExperiencedRole(role, ties.IsEmpty ? null : ties.Average(t => t.Strength!.Value), ties);
            }),
        ];

        var leaders = order.Keys.Where(r => KindOf(r) == RoleKind.Leader).ToList();
        return new KindViews(
            Experienced(leaders, RoleKind.Staff),
            [.. reportable.Where(t => KindOf(t.FromRole) == RoleKind.Leader && KindOf(t.ToRole) == RoleKind.Leader)],
            Experienced(order.Keys.Where(r => KindOf(r) != RoleKind.Client), RoleKind.Client));
    }
}
