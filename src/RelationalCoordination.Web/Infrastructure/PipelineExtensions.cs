using Microsoft.EntityFrameworkCore;
using RelationalCoordination.Web.Data;
using Serilog;

namespace RelationalCoordination.Web.Infrastructure;

public static class PipelineExtensions
{
    public static WebApplication UseRcPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseSerilogRequestLogging();   // one line per request
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health");
        return app;
    }

    /// <summary>Applies pending migrations; PostgreSQL's advisory lock keeps concurrent instances from racing.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
    }
}
