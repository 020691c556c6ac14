using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

using Npgsql;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Infrastructure;

public static partial class DatabaseStartup
{
    /// <summary>
    /// Creates the configured database when it is missing, then applies pending migrations. A
    /// PostgreSQL advisory lock, held on a connection of its own, makes instances that start
    /// together take turns: the first migrates, the others find nothing to do. What the operator
    /// can put right (server out of reach, wrong password, no right to create the database) is a
    /// <see cref="StartupProblemException"/>; a connection string that is missing or malformed has already
    /// stopped the start (<see cref="Options.DatabaseOptions"/>).
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        // The text of the connection string was checked at start (DatabaseOptions.Validator).
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        // Without Database=, PostgreSQL connects to the database named after the user.
        settings.Database ??= settings.Username;
        await using var connection = await OpenCreatingDatabaseAsync(settings, app.Logger);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection))
        {
            await take.ExecuteNonQueryAsync();
        }

        try
        {
            // Npgsql's migrator reads the history table without asking whether it exists and logs
            // the failure as an error on every first start (npgsql/efcore.pg#3407): a newcomer's
            // first log line read "ERR". With the table in place the read simply finds no rows.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
            await db.Database.MigrateAsync();
            if (await PlainCodeUpgrade.HashPlainInvitationCodesAsync(db, app.Services.GetRequiredService<KeyedHash>()) is > 0 and var hashed)
            {
                LogCodesHashed(app.Logger, hashed);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            await release.ExecuteNonQueryAsync();
        }
    }

    private const long MigrationLockKey = 0x52435f4d49475241; // "RC_MIGRA"

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} invitation codes made before this version as keyed hashes")]
    private static partial void LogCodesHashed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the database {Database} on {Host}:{Port}")]
    private static partial void LogDatabaseCreated(ILogger logger, string? database, string? host, int port);

    private static async Task<NpgsqlConnection> OpenCreatingDatabaseAsync(NpgsqlConnectionStringBuilder settings, ILogger logger)
    {
        try
        {
            return await OpenAsync(settings);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await CreateDatabaseAsync(settings);
            LogDatabaseCreated(logger, settings.Database, settings.Host, settings.Port);
            try
            {
                return await OpenAsync(settings);
            }
            catch (PostgresException again) when (again.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                throw new StartupProblemException($"The database \"{settings.Database}\" was created on {settings.Host}:{settings.Port} but cannot be opened ({again.MessageText}): check ConnectionStrings__Default.");
            }
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder settings)
    {
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException)
        {
            await connection.DisposeAsync();
            throw e switch
            {
                PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => e,
                PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                    new StartupProblemException($"PostgreSQL at {settings.Host}:{settings.Port} refused user \"{settings.Username}\" ({Reason(e)}): check the user and password in ConnectionStrings__Default."),
                PostgresException => new StartupProblemException($"PostgreSQL at {settings.Host}:{settings.Port} refused the connection ({Reason(e)}): check ConnectionStrings__Default."),
                _ => new StartupProblemException($"PostgreSQL cannot be reached at {settings.Host}:{settings.Port} ({Reason(e)}): start it, or correct the host and port in ConnectionStrings__Default."),
            };
        }
    }

    private static async Task CreateDatabaseAsync(NpgsqlConnectionStringBuilder settings)
    {
        // Connected to the server's maintenance database, as createdb does.
        var maintenance = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuotedIdentifier(settings.Database!)}", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance starting at the same moment created it.
        }
        catch (Exception e) when (e is PostgresException or NpgsqlException)
        {
            throw new StartupProblemException(
                $"The database \"{settings.Database}\" named in ConnectionStrings__Default does not exist on {settings.Host}:{settings.Port}, " +
                $"and user \"{settings.Username}\" cannot create it ({Reason(e)}). Create it, e.g. " +
                $"createdb -h {settings.Host} -p {settings.Port} -O {settings.Username} {settings.Database}, or name an existing database, then start again.");
        }
    }

    private static string Reason(Exception e) => e is PostgresException pg ? pg.MessageText : (e.InnerException ?? e).Message;

    private static string QuotedIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
