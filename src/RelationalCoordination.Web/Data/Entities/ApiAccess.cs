namespace RelationalCoordination.Web.Data;

/// <summary>A bearer token for the API, acting for one organisation as a facilitator. Only a hash is stored.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// The answer given to an API request with an <c>Idempotency-Key</c>, so that the same request
/// repeated (a retry after a lost connection) stores nothing new and answers as the first did.
/// </summary>
public sealed class IdempotentRequest
{
    public Guid TokenId { get; set; }

    /// <summary>The survey the request stored a response in: deleting the survey deletes these too.</summary>
    public Guid SurveyId { get; set; }

    /// <summary>The keyed hash (<see cref="Infrastructure.KeyedHash"/>) of the survey and the client's key.</summary>
    public required string KeyHash { get; set; }

    public int Status { get; set; }

    /// <summary>
    /// The keyed hash of the first request's body: the same key with another body is refused. Keyed,
    /// because a body has few enough possible answers to try them all against a plain hash.
    /// </summary>
    public required string RequestHash { get; set; }

    /// <summary>The answer given to a repeat: always <c>{"stored":true}</c>, never the answers.</summary>
    public required string Body { get; set; }

    /// <summary>The day it was stored, for deleting it a day later: never a time that could single out a response.</summary>
    public DateOnly CreatedOn { get; set; }
}
