using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Xunit;

// run.sh is a bash script that runs PostgreSQL from Debian's packages: these tests are for Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace RelationalCoordination.Web.OutsideInTests;

/// <summary>
/// The app exactly as a newcomer starts it: <c>./run.sh --demo</c> from the repository, on a
/// fresh data folder (so a fresh PostgreSQL cluster and a fresh publish) and free ports, stopped
/// with SIGTERM as Ctrl+C would. With <c>RC_OUTSIDE_IN_URL</c> set, the tests meet an app that
/// is already running there instead (the Docker image, started by <c>scripts/docker-smoke.sh</c>).
/// </summary>
public sealed partial class RunShApp : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<string> running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? runSh;
    private IPlaywright? playwright;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The files the app serves, as they are in the source tree.</summary>
    public static string WebRoot => Path.Combine(RepositoryRoot, "src", "RelationalCoordination.Web", "wwwroot");

    public string BaseUrl { get; private set; } = "";

    /// <summary>Whether the tests started the app with ./run.sh (rather than meeting a container).</summary>
    public bool StartedByRunSh => runSh is not null;

    /// <summary>The data folder run.sh was given: its PostgreSQL cluster and the published app.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"rc-outside-in-{Guid.NewGuid():N}");

    public int PostgresPort { get; } = FreePort();

    /// <summary>Everything run.sh and the app printed, in order.</summary>
    public IReadOnlyList<string> Output => [.. output];

    /// <summary>What <c>/health</c> answered at the moment run.sh printed the address.</summary>
    public HttpStatusCode? HealthWhenAddressPrinted { get; private set; }

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("RC_OUTSIDE_IN_URL") is { Length: > 0 } url)
        {
            BaseUrl = url.TrimEnd('/');
        }
        else
        {
            await StartRunShAsync();
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private async Task StartRunShAsync()
    {
        // World-readable: as root, run.sh runs PostgreSQL as the postgres user, who must reach its cluster here.
        Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var port = FreePort();
        var start = new ProcessStartInfo("bash", ["run.sh", "--demo", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // As a newcomer's shell: nothing the app or run.sh reads, and nothing of the test host's
        // own build and test run (MSBuild's and VSTest's variables), reaches them.
        foreach (var name in start.Environment.Keys.Where(NotANewcomers).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["RC_DATA_DIR"] = DataDirectory;
        start.Environment["RC_PG_PORT"] = PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        runSh = Process.Start(start)!;
        runSh.OutputDataReceived += (_, e) => Received(e.Data);
        runSh.ErrorDataReceived += (_, e) => Received(e.Data);
        runSh.BeginOutputReadLine();
        runSh.BeginErrorReadLine();

        // A fresh publish on a busy 2-core machine takes a while; a cold NuGet cache longer still.
        var exited = runSh.WaitForExitAsync();
        var first = await Task.WhenAny(running.Task, exited, Task.Delay(TimeSpan.FromMinutes(10)));
        if (first != running.Task)
        {
            throw new InvalidOperationException(
                $"./run.sh did not print its address ({(first == exited ? $"it exited with code {runSh.ExitCode}" : "timed out")}):\n{string.Join('\n', output)}");
        }

        BaseUrl = await running.Task;
        Assert.Equal($"http://127.0.0.1:{port}", BaseUrl);
    }

    private static bool NotANewcomers(string name) =>
        name is "PORT" or "PublicUrl" or "DOTNET_ENVIRONMENT" or "DOTNET_HOST_PATH"
        || SettingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] SettingPrefixes =
    [
        "ConnectionStrings__", "Serilog__", "Logging__", "Bootstrap__", "RateLimits__", "Respondents__", "ReverseProxy__",
        "ASPNETCORE_", "RC_", "MSBuild", "MSBUILD", "VSTEST",
    ];

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (RunningLine().Match(line) is { Success: true } match)
        {
            // Asked at once, on the output thread, before anything else can wait: was the app
            // really answering when run.sh said so?
            using var http = new HttpClient();
            try
            {
                HealthWhenAddressPrinted = http.GetAsync(match.Groups[1].Value + "/health").GetAwaiter().GetResult().StatusCode;
            }
            catch (HttpRequestException)
            {
                HealthWhenAddressPrinted = null;
            }

            running.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"^Relational Coordination is running: (http://\S+)")]
    private static partial Regex RunningLine();

    /// <summary>An HTTP client that asks as a browser does and leaves decompression to the test.</summary>
    public HttpClient NewHttpClient() => new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(BaseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>A new browser context with generous timeouts: CI machines are small and busy.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= Laptop();
        options.BaseURL = BaseUrl;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>A laptop screen, 1280 px wide unless said otherwise.</summary>
    public static BrowserNewContextOptions Laptop(int width = 1280, int height = 900) => new() { ViewportSize = new() { Width = width, Height = height } };

    /// <summary>The screen a test names: "phone" or "laptop".</summary>
    public static BrowserNewContextOptions Device(string device) => device == "phone" ? Phone() : Laptop();

    /// <summary>At least one linked stylesheet applied: one served empty or without its type loads, and applies nothing.</summary>
    public static Task<bool> StyledAsync(IPage page) =>
        page.EvaluateAsync<bool>("[...document.styleSheets].some(s => s.href && s.cssRules.length > 0)");

    /// <summary>Nothing on the page is wider than the screen (a heatmap scrolls inside its own box).</summary>
    public static Task<bool> FitsTheScreenAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth");

    /// <summary>The local cluster's superuser password, which run.sh keeps in the data folder.</summary>
    public string PostgresPassword => File.ReadAllText(Path.Combine(DataDirectory, "postgres", "password")).Trim();

    /// <summary>A phone: 360 px wide, touch, high density.</summary>
    public static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new() { Width = 360, Height = 740 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 2,
    };

    /// <summary>Signs in as the demo user that <c>--demo</c> printed and opens the demo organisation's dashboard.</summary>
    public static async Task SignInAsDemoAsync(IPage page)
    {
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", "demo@example.org");
        await page.FillAsync("#password", "demo-password");
        await page.ClickAsync("button[type=submit]");
        try
        {
            await page.WaitForURLAsync(new Regex("/orgs$"), new() { Timeout = 30_000 });
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"Signing in as the demo user did not reach the organisations: at {page.Url}:\n{await page.InnerTextAsync("body")}", e);
        }

        // Followed as a fresh navigation rather than a click: a click on a page still settling after
        // the sign-in redirect could leave the wait for its load event hanging (seen once in 25 runs).
        var organisation = await page.GetByRole(AriaRole.Link, new() { Name = "Demo Hospital" }).First.GetAttributeAsync("href");
        await page.GotoAsync(organisation!, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Matches(new Regex("/orgs/[0-9a-f-]{36}$"), page.Url);
    }

    /// <summary>For the docs: the screenshots in docs/images are taken of the app as ./run.sh serves it, when <c>RC_SCREENSHOTS</c> names a folder.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage)
    {
        if (Environment.GetEnvironmentVariable("RC_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = fullPage });
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (runSh is not null)
        {
            await StopAsync(runSh);
            // Should run.sh have been killed before its cleanup ran, its PostgreSQL (a daemon that
            // pg_ctl detached) would hold the port and the folder: stopped here in any case.
            await StopClusterAsync(Path.Combine(DataDirectory, "postgres", "data"));
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A temporary folder: the system clears it in time.
            }
        }
    }

    /// <summary>SIGTERM, as Ctrl+C or a service manager stops it: run.sh stops the app and then its PostgreSQL.</summary>
    private static async Task StopAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private static async Task StopClusterAsync(string data)
    {
        if (!File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            return;
        }

        var pgCtl = Path.Combine(PostgresBin(), "pg_ctl");
        var start = Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", pgCtl, "-D", data, "-m", "immediate", "-w", "stop"])
            : new ProcessStartInfo(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]);
        start.WorkingDirectory = "/";
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var stop = Process.Start(start)!;
        await stop.WaitForExitAsync();
    }

    /// <summary>PostgreSQL's server programs, as scripts/postgres.sh finds them.</summary>
    public static string PostgresBin() => Environment.GetEnvironmentVariable("PG_BIN")
        ?? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : 0).Last();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "run.sh")) && File.Exists(Path.Combine(folder.FullName, "RelationalCoordination.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No repository (run.sh beside RelationalCoordination.sln) above {AppContext.BaseDirectory}.");
    }
}

/// <summary>One app for every outside-in test: starting it is a publish and a fresh cluster.</summary>
[CollectionDefinition(Name)]
public sealed class RunShAppGroup : ICollectionFixture<RunShApp>
{
    public const string Name = "The app as ./run.sh starts it";
}
