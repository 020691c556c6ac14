namespace RelationalCoordination.Web.Data;

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
