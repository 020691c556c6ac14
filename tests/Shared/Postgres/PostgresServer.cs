using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Npgsql;

namespace RelationalCoordination.Tests.Shared.Postgres;

/// <summary>
/// A real PostgreSQL for the tests: a throwaway cluster started from the machine's binaries
/// (one per test run, in a temporary directory), or the server named by the
/// <c>RC_TEST_POSTGRES</c> connection string. Each test class takes a database of its own.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? directory;
    private readonly string bin;
    private readonly string options;

    private PostgresServer(string adminConnectionString, string? directory, string bin, string options)
    {
        AdminConnectionString = adminConnectionString;
        this.directory = directory;
        this.bin = bin;
        this.options = options;
    }

    public static PostgresServer Instance => Shared.Value;

    public string AdminConnectionString { get; }

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"test_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using (var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Restarts the throwaway cluster (a PostgreSQL restart during use); not possible on an external server.</summary>
    public void Restart()
    {
        NpgsqlConnection.ClearAllPools();
        RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "restart");
    }

    /// <summary>Stops the throwaway cluster, as an outage would, without clearing anyone's connection pool.</summary>
    public void StopServer() =>
        RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    /// <summary>
    /// Starts the stopped cluster again, with the settings it last ran with. Only the tests' own
    /// admin pool is cleared (its connections died with the server); apps must recover by themselves.
    /// </summary>
    public void StartServer()
    {
        RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(directory!, "log"), "-w", "-t", "60", "-o", options, "start");
        using var admin = new NpgsqlConnection(AdminConnectionString);
        NpgsqlConnection.ClearPool(admin);
    }

    private string DataDirectory => directory is null
        ? throw new InvalidOperationException("RC_TEST_POSTGRES points at an external server, which the tests do not stop or restart.")
        : Path.Combine(directory, "data");

    private static PostgresServer Start()
    {
        if (Environment.GetEnvironmentVariable("RC_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new PostgresServer(external, null, "", "");
        }

        var bin = Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } given
            ? given
            : Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .LastOrDefault()
              ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql: run ./test.sh, which installs them.");

        var directory = Path.Combine(Path.GetTempPath(), $"rc-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(directory);
        if (IsRoot)
        {
            Run("chown", "postgres:postgres", directory);
        }

        var port = FreePort();
        RunAsOwner(Path.Combine(bin, "initdb"), "-D", Path.Combine(directory, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync", "--no-instructions");
        var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500";
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", directory, bin, options);
        server.StartServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private void Stop()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            RunAsOwner(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(directory!, "data"), "-m", "immediate", "-w", "stop");
            Directory.Delete(directory!, recursive: true);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
