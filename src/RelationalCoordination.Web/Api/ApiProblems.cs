using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Api;

/// <summary>
/// Every error of <c>/api</c> as problem details (RFC 9457), the built-in way: refusals that set
/// only a status (405 from routing, 415 from binding, 401, 403, 413, 429 from middleware) are
/// written by the status-code pages through <see cref="IProblemDetailsService"/>, with the reason a
/// middleware left in <see cref="RequestGuard.ProblemKey"/>; exceptions by <see cref="ApiExceptionHandler"/>.
/// The pages keep their friendly HTML for the same statuses.
/// </summary>
public static class ApiProblems
{
    public static bool IsApi(HttpContext http) => IsApi(http?.Request.Path ?? default);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddRcProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The reason a middleware gave (a rate limit, a size limit, a control character).
            if (context.ProblemDetails.Detail is null && context.HttpContext.Items[RequestGuard.ProblemKey] is string problem)
            {
                context.ProblemDetails.Detail = problem;
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    /// <summary>Problem details for the API, the friendly status page for everything else.</summary>
    public static WebApplication UseRcStatusCodePages(this WebApplication app)
    {
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        return app;
    }

    /// <summary>
    /// A refusal before any endpoint ran: the status and its reason; the status-code pages write
    /// it (problem details on the API, the friendly page otherwise).
    /// </summary>
    public static void Refuse(HttpContext http, int status, string problem)
    {
        http.Response.StatusCode = status;
        http.Items[RequestGuard.ProblemKey] = problem;
    }
}

/// <summary>
/// An exception on the API: 503 with Retry-After while the database is unavailable, the status a
/// bad request carries (a body over its limit while it is read: 413), otherwise 500 — always
/// problem details, never the HTML error page. Pages are left to the error page.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // The middleware has already pointed the request at the error page: the original path says whose it was.
        if (httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is not { } path || !ApiProblems.IsApi(path))
        {
            return false;
        }

        httpContext.Request.Path = path;

        if (exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException json })
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [ApiValidation.Unreadable(json)] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = ApiValidation.Title,
                },
            });
            return true;
        }

        var (status, detail) = exception switch
        {
            _ when DatabaseUnavailable.IsUnavailable(exception) =>
                (StatusCodes.Status503ServiceUnavailable, "The database is unavailable: nothing was stored. Try again (see Retry-After)."),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error: nothing was stored. It has been logged."),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            LogFailure(log, httpContext.Request.Method, path, exception);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(log, httpContext.Request.Method, path, exception.GetBaseException().Message);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable during {Method} {Path}: {Reason}; answered 503")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogFailure(ILogger logger, string method, string path, Exception exception);
}
