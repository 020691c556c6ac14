using RelationalCoordination.Web.Api;

using Serilog;
using Serilog.Events;

namespace RelationalCoordination.Web.Infrastructure;

public static class PipelineExtensions
{
    public static WebApplication UseRcPipeline(this WebApplication app)
    {
        app.UseRcSecurityHeaders();
        // Before the error pages, so that they speak the request's language too.
        app.UseRequestLocalization();
        // The API's exceptions become problem details (Api.ApiExceptionHandler); the pages' the error page.
        app.UseExceptionHandler("/error");
        app.UseRcStatusCodePages();
        // One line per request. An invitation link's token and a respondent's invitation code are not logged.
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetMessageTemplateProperties = (http, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(RedactedPath(path))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        app.Use(ClientGoneAwayAsync);
        app.UseRcDatabaseUnavailable();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseRcRequestGuard();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health");
        return app;
    }

    /// <summary>
    /// A browser that navigates away cancels its request, often while it waits for the database:
    /// that is not the app failing. Such a request ends as 499 ("client closed request", as nginx
    /// calls it), which the request log writes as information, not as an error with a stack trace.
    /// </summary>
    internal static async Task ClientGoneAwayAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = ClientClosedRequest;
                // Nobody is there to read a status page.
                if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }
            }
        }
    }

    /// <summary>The status of a request its client abandoned.</summary>
    public const int ClientClosedRequest = 499;

    internal static string RedactedPath(string path) =>
        path.StartsWith("/invitations/", StringComparison.OrdinalIgnoreCase) ? "/invitations/(token)"
        : path.StartsWith("/c/", StringComparison.OrdinalIgnoreCase) ? "/c/(code)"
        : path.StartsWith("/r/", StringComparison.OrdinalIgnoreCase) ? "/r/(token)"
        : path;
}
