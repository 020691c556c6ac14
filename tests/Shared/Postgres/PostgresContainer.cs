using System.Globalization;

using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

using Npgsql;

using Testcontainers.PostgreSql;

namespace RelationalCoordination.Tests.Common.Postgres;

/// <summary>
/// PostgreSQL in a container started through Testcontainers. Stop and start are docker stop and
/// docker start of the same container: its data stay, and so does its port (a fixed host port,
/// not a random one, so that the apps' connection strings still point at it after a restart).
/// </summary>
internal sealed class PostgresContainer : IPostgresBackend
{
    private readonly IContainer container;

    private PostgresContainer(string mode, IContainer container, string adminConnectionString)
    {
        Mode = mode;
        this.container = container;
        AdminConnectionString = adminConnectionString;
    }

    public string Mode { get; }

    public string AdminConnectionString { get; }

    /// <summary>
    /// The usual way, on an engine with bridge networking (Docker Desktop, CI services): the
    /// official image through <see cref="PostgreSqlBuilder"/>, its port published on the host.
    /// </summary>
    public static PostgresContainer StartWithBridge(string image)
    {
        var port = PostgresServer.FreePort();
        var container = new PostgreSqlBuilder(image)
            .WithPortBinding(port, PostgreSqlBuilder.PostgreSqlPort)
            .WithCommand([.. PostgresServer.ServerSettings.SelectMany(s => new[] { "-c", s })])
            .Build();
        Run(container.StartAsync);
        return new PostgresContainer("container", container, container.GetConnectionString());
    }

    /// <summary>
    /// Where only host networking is allowed (the machines this project is built on):
    /// <see cref="PostgreSqlBuilder"/> waits for a published port that host networking never
    /// reports, so a generic container runs a locally built image (docker/postgres) on a free port
    /// of 127.0.0.1, and the connection string is built here.
    /// </summary>
    public static PostgresContainer StartOnHostNetwork(string image)
    {
        // Read once, when Testcontainers first starts: set before any of its types is touched. The
        // reaper (Ryuk) is an image that cannot be pulled here; disposal at exit takes its place.
        DefaultEnvironment("TESTCONTAINERS_RYUK_DISABLED", "true");
        DefaultEnvironment("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
        DefaultEnvironment("DOCKER_API_VERSION", "1.41");
        return StartOnHostNetwork(image, PostgresServer.FreePort());
    }

    private static PostgresContainer StartOnHostNetwork(string image, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var container = new ContainerBuilder(image)
            .WithCreateParameterModifier(parameters => (parameters.HostConfig ??= new()).NetworkMode = "host")
            .WithEnvironment("PGPORT", portText)
            .WithEnvironment("POSTGRES_HOST_AUTH_METHOD", "trust")
            .WithCommand([.. PostgresServer.ServerSettings.SelectMany(s => new[] { "-c", s })])
            .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted("pg_isready", "-h", "127.0.0.1", "-p", portText))
            .Build();
        Run(container.StartAsync);
        return new PostgresContainer("hostcontainer", container, $"Host=127.0.0.1;Port={portText};Username=postgres;Database=postgres");
    }

    public void Stop() => Run(container.StopAsync);

    public void Start() => Run(container.StartAsync);

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Run(() => container.DisposeAsync().AsTask());
    }

    private static void DefaultEnvironment(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>The fixture's API is synchronous; off the test's synchronization context, so blocking cannot deadlock.</summary>
    private static void Run(Func<CancellationToken, Task> action) => Task.Run(() => action(CancellationToken.None)).GetAwaiter().GetResult();

    private static void Run(Func<Task> action) => Task.Run(action).GetAwaiter().GetResult();
}
