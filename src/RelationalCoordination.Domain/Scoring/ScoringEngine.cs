using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>
/// Turns a response set into tie strengths, role scores, network indices and psychometrics,
/// exactly as the project's scoring method defines them (docs/scoring.md).
/// </summary>
public static class ScoringEngine
{
    /// <summary>Scores a response set.</summary>
    public static ScoringResult Score(ResponseSet responses, ScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        options ??= ScoringOptions.Default;
        var tieScores = new TieScores(responses);
        var roles = responses.RoleNames.Length;

        // Which ties feed every figure beyond their own: all defined ones, or the reportable ones
        // only when reporting anonymously, so that no suppressed tie can be recovered by subtraction
        // (from a role, network or summary figure alike).
        var usable = new bool[roles * roles];
        for (var tie = 0; tie < usable.Length; tie++)
        {
            var n = tieScores.Count[tie];
            usable[tie] = n >= 1 && (!options.Anonymous || n >= options.MinGroupSize);
        }

        var items = new ItemStatistics(tieScores, usable);

        var ties = TieFigures.Results(tieScores, items, usable, options);
        var centrality = RoleGraph.Centralities(tieScores, usable);
        var roleResults = RoleFigures.Results(tieScores, usable, options, centrality);
        var summary = SummaryFigures.Summary(tieScores, items, usable, options);
        return new ScoringResult(options, ties, roleResults, summary);
    }
}
