using System.ComponentModel.DataAnnotations;

namespace RelationalCoordination.Web.Infrastructure.Options;

/// <summary>
/// The "RateLimits" settings (docs/operations.md): permits per client address in each window, and
/// the window. A limit or a window of zero would refuse or break every request it covers, so
/// either stops the start.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    private const string Rule = "a whole number, at least {0} (default {2})";

    [Setting("a whole number of seconds, at least {0} (default {2})")]
    [Range(1, int.MaxValue)]
    public int WindowSeconds { get; set; } = 60;

    [Setting(Rule)]
    [Range(1, int.MaxValue)]
    public int SignIn { get; set; } = 10;

    [Setting(Rule)]
    [Range(1, int.MaxValue)]
    public int SignUp { get; set; } = 5;

    /// <summary>
    /// A workshop of staff typing their slips' codes shares one address; 60 a minute still leaves a
    /// 40-bit resume code or a 50-bit invitation code out of a guesser's reach.
    /// </summary>
    [Setting(Rule)]
    [Range(1, int.MaxValue)]
    public int Codes { get; set; } = 60;

    [Setting(Rule)]
    [Range(1, int.MaxValue)]
    public int Submissions { get; set; } = 600;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
