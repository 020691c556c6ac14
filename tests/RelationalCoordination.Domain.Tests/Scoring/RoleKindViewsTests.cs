using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Scoring;

public sealed class RoleKindViewsTests
{
    private static TieResult Tie(string from, string to, double? strength, int n = 6, bool? suppressed = null) =>
        new(from, to, n, strength, 0.5, null, null, [.. Enumerable.Repeat(strength, 7)], null, suppressed ?? strength is null);

    private static ScoringResult Result(params TieResult[] ties) => new(
        new ScoringOptions(5, anonymous: true),
        [.. ties],
        [.. ties.SelectMany(t => new[] { t.FromRole, t.ToRole }).Distinct().Order(StringComparer.Ordinal).Select(r => new RoleResult(r, 6, null, null, null, null, null))],
        new NetworkSummary(0, 0, 0, null, null, null, null, null, null, null, null, null, 0, null));

    private static readonly KeyValuePair<string, RoleKind>[] Kinds =
    [
        new("Nurses", RoleKind.Staff), new("Porters", RoleKind.Staff), new("Unit managers", RoleKind.Leader),
        new("Chiefs", RoleKind.Leader), new("Patients", RoleKind.Client),
    ];

    [Fact]
    public void Frontline_roles_experience_each_leader_at_the_mean_of_their_reportable_ties_only()
    {
        var views = RoleKindViews.Analyse(Result(
            Tie("Nurses", "Unit managers", 3.0), Tie("Porters", "Unit managers", 4.0),
            Tie("Chiefs", "Unit managers", 1.0),                              // a leader: not frontline
            Tie("Patients", "Unit managers", 1.5),                            // a client: not frontline
            Tie("Nurses", "Chiefs", null, n: 2),                               // suppressed as an anonymous report keeps it
            Tie("Porters", "Chiefs", 1.2, n: 3, suppressed: true)), Kinds);   // suppressed with its figures still in: never counts

        Assert.Equal(["Unit managers", "Chiefs"], views.LeadersByFrontline.Select(v => v.Role));
        var managers = views.LeadersByFrontline[0];
        Assert.Equal(3.5, managers.Mean!.Value, 12);
        Assert.Equal(["Nurses", "Porters"], managers.Ties.Select(t => t.FromRole));
        var chiefs = views.LeadersByFrontline[1];
        Assert.Null(chiefs.Mean);
        Assert.Empty(chiefs.Ties);
    }

    [Fact]
    public void Ties_among_leaders_are_the_reportable_ties_from_leader_to_leader_a_role_about_itself_included()
    {
        var views = RoleKindViews.Analyse(Result(
            Tie("Chiefs", "Unit managers", 2.5), Tie("Unit managers", "Chiefs", 3.9), Tie("Unit managers", "Unit managers", 4.4),
            Tie("Chiefs", "Chiefs", 4.8, n: 4, suppressed: true), Tie("Unit managers", "Nurses", 3.0), Tie("Nurses", "Chiefs", 2.0)), Kinds);

        Assert.Equal(["Unit managers → Unit managers", "Unit managers → Chiefs", "Chiefs → Unit managers"],
            views.AmongLeaders.Select(t => $"{t.FromRole} → {t.ToRole}"));
        Assert.DoesNotContain(views.AmongLeaders, t => t.Suppressed);
    }

    [Fact]
    public void Clients_experience_each_staff_and_leader_role_through_their_reportable_ties()
    {
        var views = RoleKindViews.Analyse(Result(
            Tie("Patients", "Nurses", 4.5), Tie("Patients", "Porters", 2.0, n: 2, suppressed: true), Tie("Patients", "Patients", 3.3),
            Tie("Nurses", "Porters", 3.0)), Kinds);

        Assert.Equal(["Nurses", "Porters", "Unit managers", "Chiefs"], views.RolesByClients.Select(v => v.Role));
        Assert.Equal(4.5, views.RolesByClients[0].Mean);
        Assert.Null(views.RolesByClients[1].Mean);   // Nurses → Porters is staff's view, and the patients' tie is suppressed
        Assert.All(views.RolesByClients.SelectMany(v => v.Ties), t => Assert.False(t.Suppressed));
    }

    [Fact]
    public void A_survey_without_leaders_or_clients_has_empty_views_and_a_role_not_listed_is_staff()
    {
        var views = RoleKindViews.Analyse(Result(Tie("Nurses", "Physicians", 3.0), Tie("Physicians", "Nurses", 4.0)), [new("Nurses", RoleKind.Staff)]);

        Assert.Empty(views.LeadersByFrontline);
        Assert.Empty(views.AmongLeaders);
        Assert.Equal(["Nurses"], views.RolesByClients.Select(v => v.Role));
        Assert.Null(views.RolesByClients[0].Mean);
    }
}
