using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features;

namespace RelationalCoordination.Web.Api;

/// <summary>What the endpoints share: whose request it is, and an action's refusal as its status.</summary>
internal static class ApiOutcomes
{
    /// <summary>The organisation the request's token acts for.</summary>
    public static Guid Organisation(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ApiTokenAuthentication.OrganisationClaim)!);

    /// <summary>The role the token's creator holds now.</summary>
    public static OrgRole CreatorRole(ClaimsPrincipal user) => Enum.Parse<OrgRole>(user.FindFirstValue(ApiTokenAuthentication.CreatorRoleClaim)!);

    /// <summary>A refusal as problem details: 404, 403, 409, or 400 for an invalid request without field errors.</summary>
    public static ProblemHttpResult Problem<T>(Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Problem(outcome.Kind, outcome.Message ?? "");
    }

    public static ProblemHttpResult Problem(OutcomeKind kind, string message) => TypedResults.Problem(message, statusCode: kind switch
    {
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        OutcomeKind.Conflict => StatusCodes.Status409Conflict,
        OutcomeKind.Invalid => StatusCodes.Status400BadRequest,
        OutcomeKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        OutcomeKind.Unauthorized => StatusCodes.Status401Unauthorized,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a refusal."),
    });

    /// <summary>A refusal with problems by field as a validation problem; any other as <see cref="Problem{T}"/>.</summary>
    public static Results<ValidationProblem, ProblemHttpResult> Refused<T>(Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome is { Kind: OutcomeKind.Invalid, Errors: { } errors }
            ? ApiValidation.Problem(errors.ToDictionary(e => e.Key, e => e.Value))
            : Problem(outcome);
    }
}
