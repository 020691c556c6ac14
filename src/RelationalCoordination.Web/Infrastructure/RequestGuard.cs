using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// Refuses, before any page or endpoint sees it, what no field of the app can take: a body over
/// the endpoint's size limit (413), and a control character in a form field or query value (400,
/// naming the field). PostgreSQL cannot store U+0000 at all, and no name or title needs the others.
/// </summary>
public static class RequestGuard
{
    /// <summary>The size limit of a request without one of its own (the imports have 50 MB).</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>The key under which the problem is kept for the status page.</summary>
    public const string ProblemKey = "rc.problem";

    public static IServiceCollection AddRcRequestLimits(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = DefaultMaxBodyBytes);
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 5000;
            form.ValueLengthLimit = 256 * 1024;
            form.KeyLengthLimit = 2048;
            form.MultipartBodyLengthLimit = Features.Responses.ResponseImport.MaxBytes + (64 * 1024);
        });
        return services;
    }

    public static WebApplication UseRcRequestGuard(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            // The friendly page for a refusal is the same request run again: let it through.
            if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
            {
                await next(http);
                return;
            }

            var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultMaxBodyBytes;
            if (http.Request.ContentLength > limit)
            {
                await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge,
                    $"The request is too large: at most {limit / 1024:N0} KB{(limit >= 1024 * 1024 ? $" ({limit / 1024 / 1024} MB)" : "")}.");
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            var problem = Check(http.Request.Query.Select(q => (q.Key, q.Value.ToString())), "query value");
            if (problem is null && http.Request.HasFormContentType && !HttpMethods.IsGet(http.Request.Method))
            {
                IFormCollection form;
                try
                {
                    form = await http.Request.ReadFormAsync(http.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
                {
                    await RefuseAsync(http, e is BadHttpRequestException { StatusCode: 413 } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                        e is InvalidDataException && e.Message.Contains("invalid characters", StringComparison.Ordinal)
                            ? "A field contains a control character (such as U+0000), which is not allowed: remove it and try again."
                            : $"The form could not be read: {e.Message}");
                    return;
                }

                problem = Check(form.Select(f => (f.Key, f.Value.ToString())), "field");
            }

            if (problem is not null)
            {
                await RefuseAsync(http, StatusCodes.Status400BadRequest, problem);
                return;
            }

            await next(http);
        });
        return app;
    }

    private static string? Check(IEnumerable<(string Key, string Value)> values, string what)
    {
        foreach (var (key, value) in values)
        {
            var name = key.Length > 60 ? key[..60] + "…" : key;
            if (Control(key) is { } inKey)
            {
                return $"A {what} name contains the control character U+{(int)inKey:X4}, which is not allowed.";
            }

            if (Control(value) is { } c)
            {
                return $"The {what} “{name}” contains the control character U+{(int)c:X4}, which is not allowed: remove it and try again.";
            }
        }

        return null;
    }

    private static char? Control(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                return c;
            }
        }

        return null;
    }

    // The status-code pages write it: problem details on the API, the friendly page otherwise.
    private static Task RefuseAsync(HttpContext http, int status, string problem)
    {
        Api.ApiProblems.Refuse(http, status, problem);
        return Task.CompletedTask;
    }
}
