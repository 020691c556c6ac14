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
}
