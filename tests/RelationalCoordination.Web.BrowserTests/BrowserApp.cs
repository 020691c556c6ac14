using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using RelationalCoordination.Tests.Common.Postgres;

using Xunit;

namespace RelationalCoordination.Web.BrowserTests;

/// <summary>
/// The real app on a real socket (Kestrel on a free loopback port) and a database of its own,
/// driven by the machine's Chromium through Playwright.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string connectionString = PostgresServer.Instance.CreateDatabase();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Warm the app up (JIT, first database connection) before a browser waits on it: on a
        // loaded 2-core machine the first request can take seconds.
        using (var http = new HttpClient { BaseAddress = new Uri(BaseUrl) })
        {
            foreach (var path in new[] { "/health", "/account/signup", "/account/signin" })
            {
                (await http.GetAsync(path)).EnsureSuccessStatusCode();
            }
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    private static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>A phone: 360 px wide, touch, high density.</summary>
    public static BrowserNewContextOptions Phone(bool javaScript = true) => new()
    {
        ViewportSize = new() { Width = 360, Height = 740 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 2,
        JavaScriptEnabled = javaScript,
    };

    /// <summary>
    /// A phone browser with a profile on disk, as a real one keeps its cookies: close it (or kill
    /// it) and launch it again on the same folder to come back.
    /// </summary>
    public async Task<IBrowserContext> LaunchPhoneWithProfileAsync(string profile)
    {
        var phone = Phone();
        var context = await playwright!.Chromium.LaunchPersistentContextAsync(profile, new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            BaseURL = BaseUrl,
            ViewportSize = phone.ViewportSize,
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return Watched(context);
    }

    public async Task<T> QueryAsync<T>(Func<RelationalCoordination.Web.Data.AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RelationalCoordination.Web.Data.AppDbContext>());
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> policyViolations = new();

    /// <summary>
    /// Fails with what the browser refused under the Content-Security-Policy (an inline style or
    /// script, a third-party source) since the last call; test classes call it after each test.
    /// </summary>
    public void AssertNoContentSecurityPolicyViolations()
    {
        var seen = new List<string>();
        while (policyViolations.TryDequeue(out var violation))
        {
            seen.Add(violation);
        }

        Assert.True(seen.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", seen.Distinct()));
    }

    private IBrowserContext Watched(IBrowserContext context)
    {
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyViolations.Enqueue($"{message.Page?.Url}: {message.Text}");
            }
        };
        return context;
    }

    public new async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A new browser context with generous timeouts: CI machines are small and busy.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        options.BaseURL = BaseUrl;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return Watched(context);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve wwwroot from the project as a development run does; a published app carries its own copy.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        // The tests' fixed key for the keyed hashes of invitation codes and retries: not a secret.
        builder.UseSetting("Secrets:HashKey", "dGVzdHMtb25seSBoYXNoIGtleSwgbm90IHNlY3JldCE=");
        // Each submitted response is stored at once (not in batches of the minimum group size), so a test sees it.
        builder.UseSetting("Respondents:BatchSize", "1");
        foreach (var limit in new[] { "SignIn", "SignUp", "Codes", "Submissions" })
        {
            builder.UseSetting($"RateLimits:{limit}", "100000");
        }
    }
}
