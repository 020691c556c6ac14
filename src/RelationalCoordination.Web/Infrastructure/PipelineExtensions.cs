using Microsoft.EntityFrameworkCore;
using Npgsql;
using RelationalCoordination.Web.Data;
using Serilog;
using Serilog.Events;

namespace RelationalCoordination.Web.Infrastructure;

public static class PipelineExtensions
{
    public static WebApplication UseRcPipeline(this WebApplication app)
    {
        app.UseRcSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStatusCodePagesWithReExecute("/status/{0}");
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

    internal static string RedactedPath(string path) =>
        path.StartsWith("/invitations/", StringComparison.OrdinalIgnoreCase) ? "/invitations/(token)"
        : path.StartsWith("/c/", StringComparison.OrdinalIgnoreCase) ? "/c/(code)"
        : path.StartsWith("/r/", StringComparison.OrdinalIgnoreCase) ? "/r/(token)"
        : path;

    /// <summary>
    /// Applies pending migrations. A PostgreSQL advisory lock, held on a connection of its own,
    /// makes instances that start together take turns: the first migrates, the others find nothing to do.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection))
        {
            await take.ExecuteNonQueryAsync();
        }

        try
        {
            await db.Database.MigrateAsync();
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            await release.ExecuteNonQueryAsync();
        }
    }

    private const long MigrationLockKey = 0x52435f4d49475241; // "RC_MIGRA"
}
