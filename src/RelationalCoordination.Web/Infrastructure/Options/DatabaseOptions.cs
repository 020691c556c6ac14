using Microsoft.Extensions.Options;

using Npgsql;

namespace RelationalCoordination.Web.Infrastructure.Options;

/// <summary>
/// The "ConnectionStrings" settings: <c>ConnectionStrings:Default</c> (environment
/// <c>ConnectionStrings__Default</c>), the PostgreSQL database of the app. What can be told from
/// the text alone is checked at start; whether the server answers, in <see cref="DatabaseStartup"/>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "ConnectionStrings";

    public string? Default { get; set; }

    public sealed class Validator : IValidateOptions<DatabaseOptions>
    {
        public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return Problem(options.Default) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
        }

        private static string? Problem(string? connectionString)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                return "No database is configured: set ConnectionStrings__Default (or use ./run.sh, which starts a local PostgreSQL).";
            }

            NpgsqlConnectionStringBuilder settings;
            try
            {
                settings = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException)
            {
                // Npgsql's message names the key it could not read, which can be a piece of a password
                // that holds a ";": not repeated into a log.
                return "ConnectionStrings__Default is not a PostgreSQL connection string: it must look like Host=db.example.org;Port=5432;Database=rc;Username=rc;Password=… (keys Host, Port, Database, Username, Password, separated by \";\").";
            }

            // Without Database=, PostgreSQL connects to the database named after the user.
            var database = settings.Database ?? settings.Username;
            return string.IsNullOrEmpty(database) ? "ConnectionStrings__Default names no database: add Database=rc (or the name of yours)."
                : System.Text.Encoding.UTF8.GetByteCount(database) > 63 ? $"ConnectionStrings__Default names the database \"{database}\": a PostgreSQL database name is 1 to 63 bytes long."
                : null;
        }
    }
}
