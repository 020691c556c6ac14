using RelationalCoordination.Web.Api;
using RelationalCoordination.Web.Demo;
using RelationalCoordination.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddRcLogging();
builder.Services.AddRcData(builder.Configuration);
builder.Services.AddRcAccounts();
builder.Services.AddRcPages();
builder.Services.AddRcApi();
builder.Services.AddRcSecurity(builder.Configuration);

var app = builder.Build();
try
{
    // Before the database: without its key the app could not read or write a code or a retry.
    _ = app.Services.GetRequiredService<KeyedHash>();
    // Read now, so that a bad setting stops the start with its one line rather than a later request.
    _ = app.Services.GetRequiredService<RelationalCoordination.Web.Features.Surveys.SurveyLimits>();
    await app.MigrateDatabaseAsync();
    if (args.Contains("--migrate-only"))
    {
        return 0;
    }

    await app.Services.BootstrapAsync(app.Configuration);
    if (args.Contains("--demo"))
    {
        await app.Services.SeedDemoAsync();
    }
}
catch (StartupProblem problem)
{
    // One line the person starting the app can act on, not a stack trace.
    await Console.Error.WriteLineAsync($"Relational Coordination cannot start: {problem.Message}");
    return 1;
}

app.UseRcPipeline();
app.MapRcApi();
await app.RunAsync();
return 0;
