using Microsoft.Extensions.Options;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// Runs <see cref="DraftSweeper.SweepAsync"/> every few minutes, so that a survey closed by its
/// closing date (nobody pressing Close) still has its submitted answers stored and its unfinished
/// drafts deleted, and so that raw answers past their organisation's retention period are deleted.
/// Every app instance may run it: the row locks make concurrent sweeps harmless.
/// </summary>
internal sealed partial class RespondentHousekeeping(IServiceScopeFactory scopes, IOptions<RespondentsOptions> options, ILogger<RespondentHousekeeping> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DraftSweeper>().SweepAsync();
                await scope.ServiceProvider.GetRequiredService<Results.SurveyResults>().PublishClosedAsync();
                await scope.ServiceProvider.GetRequiredService<Organisations.DataRetention>().ApplyAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down for a moment; the next tick tries again.
                LogFailed(log, e, interval);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Respondent housekeeping failed; retrying in {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan interval);
}
