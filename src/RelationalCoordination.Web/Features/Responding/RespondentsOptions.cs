using System.ComponentModel.DataAnnotations;

using RelationalCoordination.Web.Infrastructure.Options;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// The "Respondents" settings (docs/operations.md). Checked when the app starts: a batch of zero
/// would store every submit at once, and a sweep interval of zero cannot be timed, so either stops
/// the app with a line naming the setting instead.
/// </summary>
public sealed class RespondentsOptions
{
    public const string Section = "Respondents";

    /// <summary>Submitted answers are stored as responses in batches of this size; unset, each survey's minimum group size (decision 6).</summary>
    [Setting("a whole number, at least {0} (or unset, for each survey's minimum group size)")]
    [Range(1, int.MaxValue)]
    public int? BatchSize { get; set; }

    /// <summary>How often housekeeping runs, in seconds.</summary>
    [Setting("a whole number of seconds, at least {0} (default {2})")]
    [Range(1, int.MaxValue)]
    public int SweepSeconds { get; set; } = 300;
}
