using Npgsql;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// While PostgreSQL is down or restarting, a request that needs it gets 503 with Retry-After and
/// a page saying to try again (problem details on the API: Api.ApiExceptionHandler), not an error 500. Npgsql's pool
/// reconnects by itself once the server is back, so nothing else has to happen to recover.
/// </summary>
public static partial class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static WebApplication UseRcDatabaseUnavailable(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseUnavailable));
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            // The API's are answered by Api.ApiExceptionHandler, as problem details.
            catch (Exception ex) when (IsUnavailable(ex) && !http.Response.HasStarted && !Api.ApiProblems.IsApi(http))
            {
                LogUnavailable(log, http.Request.Method, PipelineExtensions.RedactedPath(http.Request.Path), ex.GetBaseException().Message);
                http.Response.Clear();
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                // The status-code pages show the friendly page for 503.
            }
        });
        return app;
    }

    /// <summary>A failure to reach the database (down, restarting, refusing connections), not a bug.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException pg:
                    // 08: connection exception; 57P01–57P03: shut down, crash shutdown, cannot connect now; 53: resources.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03"
                        || pg.SqlState.StartsWith("53", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable during {Method} {Path}: {Reason}; answered 503")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}
