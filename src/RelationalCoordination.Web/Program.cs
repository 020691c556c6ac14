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
await app.MigrateDatabaseAsync();
if (args.Contains("--migrate-only"))
{
    return;
}

await app.Services.BootstrapAsync(app.Configuration);
if (args.Contains("--demo"))
{
    await app.Services.SeedDemoAsync();
}

app.UseRcPipeline();
app.MapRcApi();
await app.RunAsync();
