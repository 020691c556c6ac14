using System.Net;
using System.Net.Sockets;

using Npgsql;

namespace RelationalCoordination.Tests.Common.Postgres;

/// <summary>
/// A real PostgreSQL for the tests, one per test run; each test class takes a database of its own.
/// Where it comes from is one setting, <c>RC_TEST_POSTGRES_MODE</c>:
/// <list type="bullet">
/// <item><c>cluster</c> (the default): a throwaway cluster started from the machine's PostgreSQL binaries, in a temporary directory;</item>
/// <item><c>container</c>: the official <c>postgres</c> image through Testcontainers (Docker Desktop, a CI service: any engine with ordinary bridge networking), so no PostgreSQL install is needed;</item>
/// <item><c>hostcontainer</c>: a locally built image on the host's network, for machines where only host networking is allowed and no registry is reachable (the container stage of <c>./test.sh</c>).</item>
/// </list>
/// <c>RC_TEST_POSTGRES_IMAGE</c> names another image for the two container modes. The
/// <c>RC_TEST_POSTGRES</c> connection string, when set, wins over all of them: the tests then use
/// that server, and never stop or restart it.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IPostgresBackend backend;

    private PostgresServer(IPostgresBackend backend) => this.backend = backend;

    public static PostgresServer Instance => Shared.Value;

    public string AdminConnectionString => backend.AdminConnectionString;

    /// <summary>Which kind of server the tests run on: cluster, container, hostcontainer or external.</summary>
    public string Mode => backend.Mode;

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

    /// <summary>Restarts the server (a PostgreSQL restart during use); not possible on an external server.</summary>
    public void Restart()
    {
        NpgsqlConnection.ClearAllPools();
        backend.Stop();
        backend.Start();
    }

    /// <summary>Stops the server, as an outage would, without clearing anyone's connection pool.</summary>
    public void StopServer() => backend.Stop();

    /// <summary>
    /// Starts the stopped server again, with the settings and data it had. Only the tests' own
    /// admin pool is cleared (its connections died with the server); apps must recover by themselves.
    /// </summary>
    public void StartServer()
    {
        backend.Start();
        using var admin = new NpgsqlConnection(AdminConnectionString);
        NpgsqlConnection.ClearPool(admin);
    }

    /// <summary>The settings the tests want from any server they start: speed over durability, and room for many pools.</summary>
    internal static readonly string[] ServerSettings =
        ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=500"];

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static PostgresServer Start()
    {
        if (Environment.GetEnvironmentVariable("RC_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new PostgresServer(new ExternalServer(external));
        }

        var image = Environment.GetEnvironmentVariable("RC_TEST_POSTGRES_IMAGE") is { Length: > 0 } given ? given : null;
        IPostgresBackend backend = (Environment.GetEnvironmentVariable("RC_TEST_POSTGRES_MODE") ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "cluster" => LocalCluster.Create(),
            "container" => PostgresContainer.StartWithBridge(image ?? "postgres:17"),
            "hostcontainer" => PostgresContainer.StartOnHostNetwork(image ?? "local/postgres:15"),
            var other => throw new InvalidOperationException(
                $"RC_TEST_POSTGRES_MODE={other} is not a mode: use cluster (the default), container or hostcontainer, or set RC_TEST_POSTGRES to a connection string."),
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => backend.Dispose();
        return new PostgresServer(backend);
    }
}

/// <summary>One way of having a PostgreSQL server for the tests.</summary>
internal interface IPostgresBackend : IDisposable
{
    string Mode { get; }

    string AdminConnectionString { get; }

    void Stop();

    void Start();
}

/// <summary>The server named by <c>RC_TEST_POSTGRES</c>: used as it is, never stopped.</summary>
internal sealed class ExternalServer(string connectionString) : IPostgresBackend
{
    public string Mode => "external";

    public string AdminConnectionString => connectionString;

    public void Stop() => throw Refused();

    public void Start() => throw Refused();

    public void Dispose()
    {
    }

    private static InvalidOperationException Refused() =>
        new("RC_TEST_POSTGRES points at an external server, which the tests do not stop or restart.");
}
