namespace RelationalCoordination.Web.Features;

/// <summary>How an action ended: the page and the API endpoint only translate it (a page, or a status).</summary>
public enum OutcomeKind
{
    Done,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,

    /// <summary>The request contradicts an earlier one (an idempotency key reused for another body).</summary>
    Unprocessable,

    /// <summary>The credentials the request was accepted with are no longer valid (a token revoked meanwhile).</summary>
    Unauthorized,
}

/// <summary>
/// The result of one action of the application layer (create, open, close, import, export, …):
/// its value when done; otherwise why not, as a message (not found, forbidden, conflict) or as
/// problems by field (invalid). Nothing was stored unless it is done.
/// </summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, string? Message, IReadOnlyDictionary<string, string[]>? Errors)
{
    public bool IsDone => Kind == OutcomeKind.Done;

    public static implicit operator Outcome<T>(T value) => new(OutcomeKind.Done, value, null, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(refusal.Kind, default, refusal.Message, refusal.Errors);
}

/// <summary>Why an action was refused; converts to any <see cref="Outcome{T}"/>.</summary>
public sealed record Refusal(OutcomeKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public const string NoSuchSurvey = "No such survey in this organisation.";

    public const string ChangedMeanwhile = "Someone else changed this survey at the same moment (another person, an API client, or its closing date passing): nothing was changed. Check it and try again.";

    public static Refusal NotFound(string message = NoSuchSurvey) => new(OutcomeKind.NotFound, message);

    public static Refusal Forbidden(string message) => new(OutcomeKind.Forbidden, message);

    public static Refusal Conflict(string message) => new(OutcomeKind.Conflict, message);

    public static Refusal Unprocessable(string message) => new(OutcomeKind.Unprocessable, message);

    public static Refusal Invalid(string title, IReadOnlyDictionary<string, string[]> errors) => new(OutcomeKind.Invalid, title, errors);

    public static Refusal Invalid(string field, string message) =>
        new(OutcomeKind.Invalid, "The request has problems: nothing was stored.", new Dictionary<string, string[]> { [field] = [message] });
}
