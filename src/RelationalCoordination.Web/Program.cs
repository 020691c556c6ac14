using Microsoft.Extensions.Options;

using RelationalCoordination.Web.Api;
using RelationalCoordination.Web.Demo;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Infrastructure.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddRcLogging();
builder.Services.AddRcData();
builder.Services.AddRcAccounts();
builder.Services.AddRcPages();
builder.Services.AddRcApi();
builder.Services.AddRcSecurity();

var app = builder.Build();
try
{
    // Every configuration section, before the database: a bad setting stops the start with its
    // one line rather than a later request (without its hash key the app could not read or write a code).
    app.Services.CheckSettings();
    await app.MigrateDatabaseAsync();
    if (args.Contains("--migrate-only"))
    {
        return 0;
    }

    await app.Services.BootstrapAsync();
    if (args.Contains("--demo"))
    {
        await app.Services.SeedDemoAsync();
    }
}
catch (Exception problem) when (problem is StartupProblemException or OptionsValidationException)
{
    // One line the person starting the app can act on, not a stack trace.
    await Console.Error.WriteLineAsync($"Relational Coordination cannot start: {Settings.Describe(problem)}");
    return 1;
}

app.UseRcPipeline();
app.MapRcApi();
await app.RunAsync();
return 0;
