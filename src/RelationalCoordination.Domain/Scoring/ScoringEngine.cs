using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>
/// Turns a response set into tie strengths, role scores, network indices and psychometrics,
/// exactly as the project's scoring method defines them (docs/scoring.md).
/// </summary>
public static class ScoringEngine
{
    private const int ParallelFrom = 50_000;

    /// <summary>Scores a response set.</summary>
    public static ScoringResult Score(ResponseSet responses, ScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        options ??= ScoringOptions.Default;
        // The two passes over every observation are independent: run them on two cores when the
        // set is large enough to repay a second thread.
        var itemsFound = responses.ObservationCount >= ParallelFrom
            ? Task.Run(() => new ItemStatistics(responses))
            : Task.FromResult(new ItemStatistics(responses));
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

        var quantiles = TieFigures.Quantiles(tieScores, usable);
        var items = itemsFound.GetAwaiter().GetResult();

        var ties = TieFigures.Results(tieScores, items, usable, options, quantiles);
        var centrality = RoleGraph.Centralities(tieScores, usable);
        var roleResults = RoleFigures.Results(tieScores, usable, options, centrality);
        var summary = SummaryFigures.Summary(tieScores, items, usable, options);
        return new ScoringResult(options, ties, roleResults, summary);
    }
}
