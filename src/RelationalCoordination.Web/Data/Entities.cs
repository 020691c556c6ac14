using Microsoft.AspNetCore.Identity;
using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Web.Data;

public sealed class AppUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Organisation
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Months after a survey closes when its raw answers are deleted (its stored results stay);
    /// null keeps them until someone deletes the survey.
    /// </summary>
    public int? RetentionMonths { get; set; }

    public List<Membership> Members { get; set; } = [];
}

/// <summary>What a member may do in an organisation; each role includes the ones below it.</summary>
public enum OrgRole
{
    Viewer = 0,
    Facilitator = 1,
    Owner = 2,
}

public sealed class Membership
{
    public Guid OrganisationId { get; set; }

    public Guid UserId { get; set; }

    public OrgRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Organisation? Organisation { get; set; }

    public AppUser? User { get; set; }
}

/// <summary>A single-use, expiring link that makes its holder a member. Only a hash of the token is stored.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string TokenHash { get; set; }

    public OrgRole Role { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public Guid? UsedByUserId { get; set; }

    public Organisation? Organisation { get; set; }
}

public enum SurveyStatus
{
    Draft = 0,
    Open = 1,
    Closed = 2,
}

public sealed class Survey
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string Title { get; set; }

    /// <summary>Fills the items' {work process} placeholder.</summary>
    public required string WorkProcess { get; set; }

    public string? Introduction { get; set; }

    public FrequencyVariant FrequencyVariant { get; set; }

    public int MinGroupSize { get; set; } = 5;

    public DateTimeOffset? OpensAt { get; set; }

    public DateTimeOffset? ClosesAt { get; set; }

    public SurveyStatus Status { get; set; }

    /// <summary>The earlier wave of the same work process this survey repeats, if any.</summary>
    public Guid? PreviousWaveId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two facilitators editing at once cannot overwrite each other.</summary>
    public uint Version { get; set; }

    /// <summary>The short key of the survey's public link (<c>/s/{key}</c>), given when it is first opened.</summary>
    public string? PublicKey { get; set; }

    /// <summary>When the retention period deleted the raw answers; the stored results are then all that is left.</summary>
    public DateOnly? RawAnswersDeletedOn { get; set; }

    public List<SurveyRole> Roles { get; set; } = [];

    public Survey? PreviousWave { get; set; }

    /// <summary>Roles and instrument are fixed once answers may depend on them.</summary>
    public bool IsLocked => Status != SurveyStatus.Draft;

    /// <summary>
    /// Closed by hand, or an open survey past its closing time (housekeeping marks it closed a few
    /// minutes later): it takes no more answers, and its results can be published — once.
    /// </summary>
    public bool IsClosedAt(DateTimeOffset now) =>
        Status == SurveyStatus.Closed || (Status == SurveyStatus.Open && ClosesAt is { } closes && closes <= now);
}

public sealed class SurveyRole
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public int? ExpectedHeadcount { get; set; }

    /// <summary>People in this role answer the survey.</summary>
    public bool Answers { get; set; } = true;

    /// <summary>Respondents rate this role.</summary>
    public bool IsRated { get; set; } = true;

    public int Position { get; set; }
}

/// <summary>
/// One submitted response: the respondent's role and the day it was submitted, nothing that
/// identifies the respondent.
/// </summary>
public sealed class Response
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public Guid RoleId { get; set; }

    public DateOnly SubmittedOn { get; set; }

    public List<Answer> Answers { get; set; } = [];
}

/// <summary>A response's seven scores (1–5, null = not applicable) about one target role.</summary>
public sealed class Answer
{
    public Guid ResponseId { get; set; }

    public Guid TargetRoleId { get; set; }

    public short? Frequent { get; set; }

    public short? Timely { get; set; }

    public short? Accurate { get; set; }

    public short? ProblemSolving { get; set; }

    public short? SharedGoals { get; set; }

    public short? SharedKnowledge { get; set; }

    public short? MutualRespect { get; set; }
}

/// <summary>
/// A respondent's answers while they answer, saved at every step so nothing is lost. The respondent
/// holds its resume code (in a cookie, or written down); only a hash is stored. On submit the
/// answers move into a <see cref="Response"/> that nothing here points to, and the draft keeps
/// only the fact that it was submitted, so a repeated submit stores nothing new.
/// </summary>
public sealed class ResponseDraft
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public required string ResumeCodeHash { get; set; }

    public Guid RoleId { get; set; }

    /// <summary>The invitation code the respondent started with, until the response is submitted.</summary>
    public Guid? InvitationCodeId { get; set; }

    /// <summary>JSON: per rated role id, seven scores (1–5, 0 = not applicable, null = unanswered).</summary>
    public string Answers { get; set; } = "{}";

    /// <summary>The furthest question reached (1–7), or 8 for the review: where a resume continues.</summary>
    public int Step { get; set; } = 1;

    public bool Submitted { get; set; }

    /// <summary>The day of the last change, for clean-up; never a precise time.</summary>
    public DateOnly UpdatedOn { get; set; }
}

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

/// <summary>
/// A single-use code for one role of a survey, handed out on paper or by mail merge. Only its keyed
/// hash is stored: the code itself is shown once, when it is made. It is marked used when its
/// response is submitted — so whoever holds the list of who got which code learns who took part —
/// but nothing stored links it to that response.
/// </summary>
public sealed class InvitationCode
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public Guid RoleId { get; set; }

    /// <summary>HMAC-SHA256 of the canonical code under <c>Secrets:HashKey</c> (<see cref="Infrastructure.KeyedHash"/>).</summary>
    public required string CodeHash { get; set; }

    public bool Used { get; set; }
}

/// <summary>
/// Who did what in an organisation, and when: setting up, opening, closing, importing, exporting,
/// sharing and deleting surveys, and changing members and API tokens. Never an answer.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public Guid OrganisationId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The member's e-mail, "API token “name”", or "the app" for housekeeping.</summary>
    public required string Actor { get; set; }

    /// <summary>A stable key such as <c>survey.opened</c> (see <c>AuditActions</c>).</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, in words: a survey's title, a member's e-mail, a file's name.</summary>
    public required string Subject { get; set; }
}
