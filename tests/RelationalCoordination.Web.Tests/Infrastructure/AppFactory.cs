using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using RelationalCoordination.Tests.Common.Postgres;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>The real app on a database of its own in the test run's PostgreSQL.</summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public AppFactory()
        : this(PostgresServer.Instance.CreateDatabase())
    {
    }

    public AppFactory(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    /// <summary>
    /// Configuration for this app beyond the database, set before its first request. Submitted
    /// answers are stored one by one, so that a test sees its response at once; BatchingTests
    /// removes the setting to see them stored in batches of the minimum group size. The tests sign
    /// in and submit far more often than one person would, all from one address: rate limits are
    /// raised, except where RateLimitTests sets them low.
    /// </summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["Secrets:HashKey"] = HashKey,
        ["Respondents:BatchSize"] = "1",
        ["RateLimits:SignIn"] = "100000",
        ["RateLimits:SignUp"] = "100000",
        ["RateLimits:Codes"] = "100000",
        ["RateLimits:Submissions"] = "100000",
    };

    /// <summary>The tests' fixed key for the keyed hashes (32 bytes, base64): not a secret.</summary>
    public const string HashKey = "dGVzdHMtb25seSBoYXNoIGtleSwgbm90IHNlY3JldCE=";

    /// <summary>Services replaced before the app starts (a clock that fails on demand, say).</summary>
    public Action<IServiceCollection>? ReplacedServices { get; set; }

    /// <summary>A second app instance on the same database: a restart, or another node behind a load balancer.</summary>
    public AppFactory Restarted() => new(ConnectionString);

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task<int> CountAsync<TEntity>() where TEntity : class =>
        QueryAsync(db => db.Set<TEntity>().CountAsync());

    public AppClient NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (ReplacedServices is { } replace)
        {
            builder.ConfigureServices(replace);
        }
    }
}
