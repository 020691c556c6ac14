using System.Collections.Immutable;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Change;

/// <summary>A tie of the blank map: how a rating role experiences a role it rates.</summary>
public sealed record MapTie(SurveyRole From, SurveyRole To);

/// <summary>The blank map the room fills in before the results are shown.</summary>
public static class RelationalMap
{
    /// <summary>
    /// A room maps its roles by hand: beyond this many reported roles (some 1,500 ties) a map is no
    /// longer something people can fill in together, and its form would pass the request's field limit.
    /// </summary>
    public const int MaxRoles = 40;

    /// <summary>
    /// Every tie between two different reported roles that the results can hold: each answering role
    /// (a reporting group included) to each rated role, in the survey's order. A role's tie to itself
    /// is left out: mapping is about the boundaries between roles.
    /// </summary>
    public static IReadOnlyList<MapTie> Of(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var roles = survey.ReportedRoles;
        return [.. roles.Where(r => r.Answers).SelectMany(from => roles.Where(to => to.IsRated && to.Id != from.Id).Select(to => new MapTie(from, to)))];
    }

    /// <summary>True when the survey has too many roles to map in a room.</summary>
    public static bool TooLarge(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return survey.ReportedRoles.Count > MaxRoles;
    }
}

/// <summary>
/// One predicted tie beside its result. <see cref="Shown"/> is the published tie only when it is
/// reportable (rated by at least k people); otherwise null, and nothing of it may be shown.
/// </summary>
public sealed record RevealRow(string FromRole, string ToRole, TieBand Predicted, TieResult? Shown)
{
    /// <summary>The band the people who answered gave the tie, when it can be shown.</summary>
    public TieBand? Actual => Shown?.Band;

    /// <summary>True when the room expected another band than the results show.</summary>
    public bool Differs => Actual is { } actual && actual != Predicted;

    /// <summary>Above zero when the room expected the tie stronger than it is experienced, below when weaker.</summary>
    public int Surprise => Actual is { } actual ? Math.Sign((int)Predicted - (int)actual) : 0;
}

/// <summary>The ties that grew stronger since the earlier wave, or why they cannot be shown.</summary>
/// <param name="EarlierTitle">The earlier wave's title.</param>
/// <param name="Ties">The ties that rose most, largest rise first.</param>
/// <param name="Significant">True when <paramref name="Ties"/> rose significantly; false when the rises are within chance.</param>
/// <param name="Unavailable">Why the waves cannot be compared (raw answers deleted, a wave not closed), or null.</param>
public sealed record Improvement(string EarlierTitle, ImmutableArray<TieChange> Ties, bool Significant, Sentence? Unavailable);

/// <summary>
/// What the steps of a feedback session show, all read from the published (anonymous) results:
/// the predictions beside the results, where to start (strengths, weakest ties, asymmetric pairs)
/// and the model's suggestions.
/// </summary>
public sealed record SessionSteps(
    ScoringResult Result,
    IReadOnlyList<RevealRow> Reveal,
    StartingPoints Points,
    ImmutableArray<Suggestion> Suggestions,
    Improvement? Improvement)
{
    /// <summary>The predictions of <paramref name="session"/> in the map's order, each beside its tie when that can be shown.</summary>
    public static IReadOnlyList<RevealRow> RevealOf(ScoringResult result, FeedbackSession session, IReadOnlyList<MapTie> map)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(map);
        var shown = result.Ties.Where(t => !t.Suppressed && t.Strength is not null).ToDictionary(t => (t.FromRole, t.ToRole));
        var predicted = session.Predictions.GroupBy(p => (p.FromRole, p.ToRole)).ToDictionary(g => g.Key, g => g.First().Band);
        return [.. map.Select(t => (From: t.From.Name, To: t.To.Name))
            .Where(predicted.ContainsKey)
            .Select(t => new RevealRow(t.From, t.To, predicted[t], shown.GetValueOrDefault(t)))];
    }
}
