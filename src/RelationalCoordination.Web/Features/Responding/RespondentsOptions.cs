using System.ComponentModel.DataAnnotations;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// The "Respondents" settings (docs/operations.md). Checked when the app starts: a batch of zero
/// would store every submit at once, and a sweep interval of zero cannot be timed, so either stops
/// the app with a message naming the setting instead.
/// </summary>
public sealed class RespondentsOptions
{
    public const string Section = "Respondents";

    /// <summary>Submitted answers are stored as responses in batches of this size; unset, each survey's minimum group size (decision 6).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Respondents:BatchSize must be at least 1 (or unset, for each survey's minimum group size).")]
    public int? BatchSize { get; set; }

    /// <summary>How often housekeeping runs, in seconds.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Respondents:SweepSeconds must be at least 1.")]
    public int SweepSeconds { get; set; } = 300;
}
