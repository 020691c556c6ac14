using System.Collections.Immutable;

namespace RelationalCoordination.Domain.Responses;

/// <summary>One respondent's answers about one target role.</summary>
public readonly record struct Observation(string TargetRole, ItemScores Scores);

/// <summary>A respondent: one role, and at most one observation per target role.</summary>
public sealed record Respondent(string Id, string Role, ImmutableArray<Observation> Observations);

/// <summary>
/// Why an observation was rejected: the field at fault (a CSV column name such as
/// <c>target_role</c> or <c>timely</c>) and a message that names the respondent, target and item.
/// </summary>
public sealed record ResponseError(string Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Field}: {Message}";
}
