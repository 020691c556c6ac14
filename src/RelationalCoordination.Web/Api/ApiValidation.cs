using FluentValidation;

namespace RelationalCoordination.Web.Api;

/// <summary>
/// Validates an endpoint's body with its FluentValidation validator before the handler runs: a
/// 400 validation problem naming each field as the API spells it, and nothing stored.
/// </summary>
public sealed class ApiValidation<T> : IEndpointFilter
    where T : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Arguments.OfType<T>().FirstOrDefault() is not { } body)
        {
            return ApiValidation.Problem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON object."] });
        }

        var result = await context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>().ValidateAsync(body, context.HttpContext.RequestAborted);
        return result.IsValid
            ? await next(context)
            : ApiValidation.Problem(result.Errors.GroupBy(e => ApiValidation.CamelCase(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
    }
}

public static class ApiValidation
{
    public const string Title = "The request has problems: nothing was stored.";

    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: Title);

    /// <summary><c>Roles[1].Name</c> as the API's JSON spells it: <c>roles[1].name</c>.</summary>
    public static string CamelCase(string path) =>
        string.Join('.', (path ?? "").Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    /// <summary>
    /// Why a body could not be read, as its sender can act on it: an unknown field by its path
    /// (<c>answers[0].problem_solving is not a field of this request</c>), else the reader's own words.
    /// </summary>
    public static string Unreadable(System.Text.Json.JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Message.Contains("could not be mapped", StringComparison.Ordinal) && exception.Path is { Length: > 2 } path
            ? $"{path[2..]} is not a field of this request (fields are spelt in camelCase, e.g. problemSolving)."
            : $"Not valid JSON: {exception.Message}";
    }
}
