namespace RelationalCoordination.Web.Data;

/// <summary>A read-only link to a survey's results for people without an account; revocable, expiring. Only a hash of its token is stored.</summary>
public sealed class ResultsLink
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public required string TokenHash { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// A survey's scored results, stored so that every app instance serves the same numbers without
/// scoring again. It is current while the survey has as many responses as it was computed from
/// (responses are only ever added).
/// </summary>
public sealed class ResultsSnapshot
{
    public Guid SurveyId { get; set; }

    public int Responses { get; set; }

    /// <summary>The version of the scoring it was computed with: results stored by an older one are scored again.</summary>
    public int Scoring { get; set; }

    /// <summary>The anonymous <c>ScoringResult</c> as JSON.</summary>
    public required string Result { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
