using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Xunit;

namespace RelationalCoordination.Web.OutsideInTests;

/// <summary>
/// A newcomer's first minute: what ./run.sh and the app print on a first start, and what the app
/// says when its configuration is wrong — one line naming the setting, never a stack trace.
/// The misconfigured starts run the app that ./run.sh published, as run.sh runs it, against the
/// PostgreSQL cluster run.sh started.
/// </summary>
[Collection(RunShAppGroup.Name)]
public sealed partial class FirstStartTests(RunShApp app)
{
    [Fact]
    public void A_first_start_on_an_empty_database_prints_no_error_or_warning_and_the_address_once_the_app_answers()
    {
        Assert.True(app.StartedByRunSh, "These tests read what ./run.sh printed: run them without RC_OUTSIDE_IN_URL.");
        var output = app.Output;
        var printed = string.Join('\n', output);
        var alarming = output.Where(line => Alarming().IsMatch(line)).ToList();
        Assert.True(alarming.Count == 0, $"./run.sh printed what a newcomer reads as a failure:\n{string.Join('\n', alarming)}");
        Assert.Contains(output, line => line.Contains("Created the database rc on 127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(output, line => line.StartsWith("Demo: sign in as demo@example.org with password demo-password", StringComparison.Ordinal));
        var address = output.ToList().FindIndex(line => line.StartsWith("Relational Coordination is running: http://127.0.0.1:", StringComparison.Ordinal));
        var listening = output.ToList().FindIndex(line => line.Contains("Now listening on:", StringComparison.Ordinal));
        Assert.True(address > listening && listening >= 0, printed);
        Assert.Equal(HttpStatusCode.OK, app.HealthWhenAddressPrinted);
    }

    /// <summary>A log level a newcomer reads as a failure, or a stack trace.</summary>
    [GeneratedRegex(@"\b(ERR|WRN|FTL)\]|\bfail:|\bwarn:|Exception\b|^\s+at \S+\(")]
    private static partial Regex Alarming();

    [Fact]
    public async Task A_missing_database_named_in_the_connection_string_is_created_at_start()
    {
        var database = $"rc_created_{Guid.NewGuid():N}";
        var first = await RunPublishedAppAsync(new() { ["ConnectionStrings__Default"] = ConnectionString(database) }, "--migrate-only");
        Assert.True(first.ExitCode == 0, first.Printed);
        Assert.Contains($"Created the database {database} on 127.0.0.1:{app.PostgresPort}", first.Printed, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Lines, line => Alarming().IsMatch(line));

        var again = await RunPublishedAppAsync(new() { ["ConnectionStrings__Default"] = ConnectionString(database) }, "--migrate-only");
        Assert.True(again.ExitCode == 0, again.Printed);
        Assert.DoesNotContain("Created the database", again.Printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_the_user_may_not_create_stops_the_app_with_one_line_saying_how_to_create_it()
    {
        var user = $"limited_{Guid.NewGuid():N}"[..20];
        await PsqlAsync($"CREATE ROLE {user} LOGIN PASSWORD 'limited-password'");
        var started = await RunPublishedAppAsync(new()
        {
            ["ConnectionStrings__Default"] = $"Host=127.0.0.1;Port={app.PostgresPort};Database=rc_not_there;Username={user};Password=limited-password",
        });

        Assert.Equal(1, started.ExitCode);
        var line = Assert.Single(started.Lines);
        Assert.StartsWith("Relational Coordination cannot start: The database \"rc_not_there\" named in ConnectionStrings__Default does not exist", line, StringComparison.Ordinal);
        Assert.Contains($"createdb -h 127.0.0.1 -p {app.PostgresPort} -O {user} rc_not_there", line, StringComparison.Ordinal);

        // Without Database=, PostgreSQL's own default: the database named after the user.
        var unnamed = await RunPublishedAppAsync(new()
        {
            ["ConnectionStrings__Default"] = $"Host=127.0.0.1;Port={app.PostgresPort};Username={user};Password=limited-password",
        });
        Assert.Equal(1, unnamed.ExitCode);
        Assert.Contains($"The database \"{user}\" named in ConnectionStrings__Default does not exist", Assert.Single(unnamed.Lines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Relational Coordination cannot start: No hash key is configured: set Secrets__HashKey to the base64 of at least 32 random bytes")]
    [InlineData("c2hvcnQ=", "Relational Coordination cannot start: Secrets__HashKey holds 5 bytes: it must be the base64 of at least 32 random bytes")]
    [InlineData("not base64!", "Relational Coordination cannot start: Secrets__HashKey is not base64")]
    public async Task Without_a_usable_hash_key_the_app_refuses_to_start_with_one_line(string key, string expected)
    {
        var started = await RunPublishedAppAsync(new()
        {
            ["ConnectionStrings__Default"] = ConnectionString("rc_no_key"),
            ["Secrets__HashKey"] = key,
        });

        Assert.Equal(1, started.ExitCode);
        Assert.StartsWith(expected, Assert.Single(started.Lines), StringComparison.Ordinal);
    }

    [Theory]
    // A password holding ";": what follows reads as a key, which Npgsql's own message would name.
    [InlineData("Host=127.0.0.1;Port={port};Username=rc;Password=a;secretpart=x", "ConnectionStrings__Default is not a PostgreSQL connection string: it must look like")]
    [InlineData("Host=127.0.0.1;Port={port};Database=rc_a_name_far_longer_than_the_sixty_three_bytes_postgresql_allows;Username=rc", "a PostgreSQL database name is 1 to 63 bytes long")]
    public async Task A_malformed_connection_string_stops_the_app_with_one_line_that_repeats_no_secret(string connectionString, string expected)
    {
        var started = await RunPublishedAppAsync(new()
        {
            ["ConnectionStrings__Default"] = connectionString.Replace("{port}", app.PostgresPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
        });

        Assert.Equal(1, started.ExitCode);
        var line = Assert.Single(started.Lines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("secretpart", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-token", "does not start with \"rc_\"")]
    [InlineData("rc_short", "it is 8 characters long")]
    public async Task A_malformed_bootstrap_api_token_stops_the_app_with_one_line_naming_the_setting(string token, string reason)
    {
        var started = await RunPublishedAppAsync(new()
        {
            ["ConnectionStrings__Default"] = ConnectionString("rc"),
            ["Bootstrap__AdminEmail"] = "ops@example.org",
            ["Bootstrap__AdminPassword"] = "a long bootstrap password",
            ["Bootstrap__Organisation"] = "Ops",
            ["Bootstrap__ApiToken"] = token,
        });

        Assert.Equal(1, started.ExitCode);
        var line = Assert.Single(started.Lines);
        Assert.StartsWith("Relational Coordination cannot start: Bootstrap:ApiToken (Bootstrap__ApiToken) must start with \"rc_\" and be 32 to 100 characters long", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_stops_the_app_with_one_line_naming_host_and_port()
    {
        var closed = RunShApp.FreePort();
        var started = await RunPublishedAppAsync(new()
        {
            ["ConnectionStrings__Default"] = $"Host=127.0.0.1;Port={closed};Database=rc;Username=rc;Password=x",
        });

        Assert.Equal(1, started.ExitCode);
        var line = Assert.Single(started.Lines);
        Assert.Equal($"Relational Coordination cannot start: PostgreSQL cannot be reached at 127.0.0.1:{closed} (Connection refused): start it, or correct the host and port in ConnectionStrings__Default.", line);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={app.PostgresPort};Database={database};Username=postgres;Password={app.PostgresPassword}";

    private sealed record Run(int ExitCode, IReadOnlyList<string> Lines)
    {
        public string Printed => string.Join('\n', Lines);
    }

    /// <summary>The published app, started as run.sh starts it (its folder the content root, Production), with these settings.</summary>
    private async Task<Run> RunPublishedAppAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        Assert.True(app.StartedByRunSh, "These tests start the app ./run.sh published: run them without RC_OUTSIDE_IN_URL.");
        var folder = Path.Combine(app.DataDirectory, "app");
        var start = new ProcessStartInfo("dotnet", ["RelationalCoordination.Web.dll", "--urls", $"http://127.0.0.1:{RunShApp.FreePort()}", .. arguments])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // The key run.sh made in its data folder, as run.sh passes it; a test may leave it out ("").
        start.Environment["Secrets__HashKey"] = File.ReadAllText(Path.Combine(app.DataDirectory, "hash-key")).Trim();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The app did not stop within 2 minutes:\n{string.Join('\n', lines)}");
        }

        process.WaitForExit(); // the last lines of output
        lock (lines)
        {
            return new Run(process.ExitCode, [.. lines.Where(l => l.Length > 0)]);
        }

        void Add(string? line)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }
    }

    private async Task PsqlAsync(string sql)
    {
        var start = new ProcessStartInfo(Path.Combine(RunShApp.PostgresBin(), "psql"), ["-h", "127.0.0.1", "-p", app.PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql])
        {
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = app.PostgresPassword;
        using var psql = Process.Start(start)!;
        var error = await psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        Assert.True(psql.ExitCode == 0, $"psql: {error}");
    }
}
