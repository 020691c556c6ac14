using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Tests.Common;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Scoring;

/// <summary>
/// Every figure of the method on the reference data, computed independently in R
/// (psych, multilevel, igraph, t.test), agrees to 1e-9.
/// </summary>
public sealed class ReferenceDataTests
{
    [Theory]
    [MemberData(nameof(ExpectedTable.DataSets), MemberType = typeof(ExpectedTable))]
    public void Every_tie_figure_agrees_with_the_reference(string responses, string expected)
    {
        var result = ScoringEngine.Score(Load(responses));
        var table = ExpectedTable.Load(ExpectedTable.ReferencePath(expected, "ties.csv"), "from_role", "to_role");

        table.AssertAgrees(
            result.Ties.ToDictionary(t => ExpectedTable.Key(t.FromRole, t.ToRole), t => (Func<string, double?>)(column => TieFigure(t, column))),
            "tie");
    }

    [Theory]
    [MemberData(nameof(ExpectedTable.DataSets), MemberType = typeof(ExpectedTable))]
    public void Every_role_figure_agrees_with_the_reference(string responses, string expected)
    {
        var result = ScoringEngine.Score(Load(responses));
        var table = ExpectedTable.Load(ExpectedTable.ReferencePath(expected, "roles.csv"), "role");

        table.AssertAgrees(
            result.Roles.ToDictionary(r => ExpectedTable.Key(r.Role), r => (Func<string, double?>)(column => RoleFigure(r, column))),
            "role");
    }

    [Theory]
    [MemberData(nameof(ExpectedTable.DataSets), MemberType = typeof(ExpectedTable))]
    public void Every_summary_figure_agrees_with_the_reference(string responses, string expected)
    {
        var summary = ScoringEngine.Score(Load(responses)).Summary;
        var table = ExpectedTable.Load(ExpectedTable.ReferencePath(expected, "summary.csv"), "metric");

        // Every metric the format defines, so a metric missing from either side fails the row check.
        string[] metrics =
        [
            "respondents", "roles", "observations", "rc_index", "rc_between", "rc_within", "cronbach_alpha", "icc1", "icc2",
            "rwg_j_mean", "rwg_j_median", "strong_tie_density", "weak_ties", "mean_reciprocity_gap",
        ];
        table.AssertAgrees(
            metrics.ToDictionary(metric => metric, metric => (Func<string, double?>)(_ => SummaryFigure(summary, metric))),
            "summary");
    }

    [Fact]
    public void The_wave_comparison_agrees_with_the_reference()
    {
        var changes = WaveComparison.Compare(Load("hospital/wave1.csv"), Load("hospital/wave2.csv"));
        var table = ExpectedTable.Load(ExpectedTable.ReferencePath("hospital/expected", "compare.csv"), "from_role", "to_role");

        table.AssertAgrees(
            changes.ToDictionary(c => ExpectedTable.Key(c.FromRole, c.ToRole), c => (Func<string, double?>)(column => ChangeFigure(c, column))),
            "change");
    }

    [Fact]
    public void The_reference_data_exercises_the_edge_cases_it_promises()
    {
        // Guards against a silently shrunken copy of the data: the figures above only prove
        // something if small roles, short observations and skipped targets are in it.
        var responses = Load("hospital/wave1.csv");
        var result = ScoringEngine.Score(responses);

        Assert.Contains(result.Roles, r => r.Respondents is > 0 and < 3);
        Assert.Contains(result.Roles, r => r.RcWithin is null);
        Assert.Contains(responses.Respondents.SelectMany(r => r.Observations), o => o.Scores.AnsweredCount < 4);
        Assert.Contains(result.Ties, t => t.N == 1);
        Assert.Contains(responses.Respondents, r => r.Observations.Length < responses.Roles.Length);
    }

    internal static ResponseSet Load(string relativePath) =>
        ResponsesCsv.Parse(File.ReadAllText(ExpectedTable.ReferencePath(relativePath)));

    internal static double? TieFigure(TieResult tie, string column) => column switch
    {
        "n" => tie.N,
        "tie_strength" => tie.Strength,
        "sd" => tie.StandardDeviation,
        "ci_low" => tie.CiLow,
        "ci_high" => tie.CiHigh,
        _ when Dimensions.TryParseKey(column, out var dimension) => tie.Mean(dimension),
        _ => throw new ArgumentException($"unknown tie column {column}", nameof(column)),
    };

    internal static double? RoleFigure(RoleResult role, string column) => column switch
    {
        "respondents" => role.Respondents,
        "rc_given" => role.RcGiven,
        "rc_received" => role.RcReceived,
        "rc_within" => role.RcWithin,
        "betweenness" => role.Betweenness,
        "eigenvector" => role.Eigenvector,
        _ => throw new ArgumentException($"unknown role column {column}", nameof(column)),
    };

    internal static double? SummaryFigure(NetworkSummary summary, string metric) => metric switch
    {
        "respondents" => summary.Respondents,
        "roles" => summary.Roles,
        "observations" => summary.Observations,
        "rc_index" => summary.RcIndex,
        "rc_between" => summary.RcBetween,
        "rc_within" => summary.RcWithin,
        "cronbach_alpha" => summary.CronbachAlpha,
        "icc1" => summary.Icc1,
        "icc2" => summary.Icc2,
        "rwg_j_mean" => summary.RwgJMean,
        "rwg_j_median" => summary.RwgJMedian,
        "strong_tie_density" => summary.StrongTieDensity,
        "weak_ties" => summary.WeakTies,
        "mean_reciprocity_gap" => summary.MeanReciprocityGap,
        _ => throw new ArgumentException($"unknown metric {metric}", nameof(metric)),
    };

    private static double? ChangeFigure(TieChange change, string column) => column switch
    {
        "n_before" => change.NBefore,
        "n_after" => change.NAfter,
        "before" => change.Before,
        "after" => change.After,
        "change" => change.Change,
        "t" => change.T,
        "df" => change.Df,
        "p_value" => change.PValue,
        "p_holm" => change.PHolm,
        "p_bh" => change.PBh,
        _ => throw new ArgumentException($"unknown compare column {column}", nameof(column)),
    };
}
