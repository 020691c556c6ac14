using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Infrastructure.Options;

using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>
/// A bad setting in any configuration section stops the app before it touches the database, and
/// the line it prints ("Relational Coordination cannot start: …") names the setting as an
/// environment variable and says what it must look like. In the test host the refused app is a
/// host that never started; the outside-in FirstStartTests read the printed line of the real process.
/// </summary>
public sealed class SettingsAtStartTests
{
    [Theory]
    [InlineData("Secrets:HashKey", "", "No hash key is configured: set Secrets__HashKey to the base64 of at least 32 random bytes")]
    [InlineData("Secrets:HashKey", "c2hvcnQ=", "Secrets__HashKey holds 5 bytes: it must be the base64 of at least 32 random bytes")]
    [InlineData("ConnectionStrings:Default", "", "No database is configured: set ConnectionStrings__Default")]
    [InlineData("ConnectionStrings:Default", "Host=127.0.0.1;Username=rc;Password=a;secretpart=x", "ConnectionStrings__Default is not a PostgreSQL connection string: it must look like")]
    [InlineData("Surveys:MaxRoles", "0", "Surveys__MaxRoles is \"0\": it must be a whole number from 1 to 500 (default 100).")]
    [InlineData("Surveys:MaxRoles", "many", "Surveys__MaxRoles is \"many\": it must be a whole number from 1 to 500 (default 100).")]
    [InlineData("RateLimits:WindowSeconds", "0", "RateLimits__WindowSeconds is \"0\": it must be a whole number of seconds, at least 1 (default 60).")]
    [InlineData("RateLimits:SignIn", "-1", "RateLimits__SignIn is \"-1\": it must be a whole number, at least 1 (default 10).")]
    [InlineData("RateLimits:Codes", "sixty", "RateLimits__Codes is \"sixty\": it must be a whole number, at least 1 (default 60).")]
    [InlineData("ReverseProxy:KnownProxies", "10.0.0.2, proxy.example", "ReverseProxy__KnownProxies holds \"proxy.example\", which is not an IP address")]
    [InlineData("Bootstrap:AdminEmail", "ops@example.org", "Bootstrap:AdminEmail (Bootstrap__AdminEmail) is set: set Bootstrap__AdminPassword and Bootstrap__Organisation as well.")]
    [InlineData("Respondents:BatchSize", "0", "Respondents__BatchSize is \"0\": it must be a whole number, at least 1 (or unset, for each survey's minimum group size).")]
    [InlineData("Respondents:SweepSeconds", "5m", "Respondents__SweepSeconds is \"5m\": it must be a whole number of seconds, at least 1 (default 300).")]
    public void A_bad_setting_stops_the_app_at_start_with_one_line_naming_it(string setting, string value, string expected)
    {
        using var app = new AppFactory();
        app.Settings[setting] = value;

        Assert.StartsWith(expected, RefusedStart(app), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-token", "it is 11 characters long and does not start with \"rc_\".")]
    [InlineData("rc_short", "it is 8 characters long.")]
    public void A_malformed_bootstrap_api_token_stops_the_app_at_start_naming_the_setting(string token, string reason)
    {
        using var app = new AppFactory();
        app.Settings["Bootstrap:AdminEmail"] = "ops@example.org";
        app.Settings["Bootstrap:AdminPassword"] = "a long bootstrap password";
        app.Settings["Bootstrap:Organisation"] = "Ops";
        app.Settings["Bootstrap:ApiToken"] = token;

        var line = RefusedStart(app);

        Assert.StartsWith("Bootstrap:ApiToken (Bootstrap__ApiToken) must start with \"rc_\" and be 32 to 100 characters long", line, StringComparison.Ordinal);
        Assert.EndsWith(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_settings_in_two_sections_are_named_together_on_one_line()
    {
        using var app = new AppFactory();
        app.Settings["Surveys:MaxRoles"] = "501";
        app.Settings["RateLimits:Submissions"] = "0";

        var line = RefusedStart(app);

        Assert.Contains("Surveys__MaxRoles is \"501\"", line, StringComparison.Ordinal);
        Assert.Contains("RateLimits__Submissions is \"0\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_settings_the_defaults_hold()
    {
        var limits = Settings.Read<RateLimitOptions>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), RateLimitOptions.Section);

        Assert.Equal((60, 10, 5, 60, 600), (limits.WindowSeconds, limits.SignIn, limits.SignUp, limits.Codes, limits.Submissions));
    }

    /// <summary>
    /// The line the app printed after "cannot start: ", having checked that it did not start: the
    /// same check of the app's own services, with the same wording, as Program.cs runs and prints.
    /// </summary>
    internal static string RefusedStart(AppFactory app)
    {
        var services = app.Services;
        Assert.False(services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested, "The app started.");
        var problem = Record.Exception(services.CheckSettings);
        Assert.True(problem is StartupProblemException or OptionsValidationException, $"Expected the settings to be refused, got: {problem}");
        var line = Settings.Describe(problem);
        Assert.DoesNotContain('\n', line);
        return line;
    }
}
