using System.Diagnostics;

namespace RelationalCoordination.Tests.Common.Postgres;

/// <summary>
/// A throwaway cluster from the machine's PostgreSQL binaries (<c>PG_BIN</c> or the newest under
/// <c>/usr/lib/postgresql</c>), in a temporary directory, on a free port of 127.0.0.1.
/// </summary>
internal sealed class LocalCluster : IPostgresBackend
{
    private readonly string directory;
    private readonly string bin;
    private readonly string options;

    private LocalCluster(string adminConnectionString, string directory, string bin, string options)
    {
        AdminConnectionString = adminConnectionString;
        this.directory = directory;
        this.bin = bin;
        this.options = options;
    }

    public string Mode => "cluster";

    public string AdminConnectionString { get; }

    private string DataDirectory => Path.Combine(directory, "data");

    public static LocalCluster Create()
    {
        var bin = Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } given
            ? given
            : (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .LastOrDefault()
              ?? throw new InvalidOperationException(
                  "No PostgreSQL server binaries under /usr/lib/postgresql: run ./test.sh, which installs them, "
                  + "or set RC_TEST_POSTGRES_MODE=container to run the tests' PostgreSQL in Docker (see README.md).");

        var directory = Path.Combine(Path.GetTempPath(), $"rc-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(directory);
        if (IsRoot)
        {
            Run("chown", "postgres:postgres", directory);
        }

        var port = PostgresServer.FreePort();
        RunAsOwner(Path.Combine(bin, "initdb"), "-D", Path.Combine(directory, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync", "--no-instructions");
        var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} "
            + string.Join(' ', PostgresServer.ServerSettings.Select(s => $"-c {s}"));
        var cluster = new LocalCluster($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", directory, bin, options);
        cluster.Start();
        return cluster;
    }

    public void Stop() =>
        RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    public void Start() =>
        RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(directory, "log"), "-w", "-t", "60", "-o", options, "start");

    public void Dispose()
    {
        try
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The process is ending; a leftover temporary directory is harmless.
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void RunAsOwner(string program, params string[] arguments)
    {
        if (IsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }
}
