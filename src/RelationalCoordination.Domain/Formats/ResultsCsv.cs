using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;

namespace RelationalCoordination.Domain.Formats;

/// <summary>The result files: <c>ties.csv</c>, <c>roles.csv</c>, <c>summary.csv</c> and <c>compare.csv</c>.</summary>
public static class ResultsCsv
{
    /// <summary>The columns of <c>ties.csv</c>.</summary>
    public static IReadOnlyList<string> TieColumns { get; } =
    [
        "from_role", "to_role", "n", "tie_strength", "sd", "ci_low", "ci_high",
        .. Dimensions.All.Select(d => d.Key()), "band", "suppressed",
    ];

    /// <summary>The columns of <c>roles.csv</c>.</summary>
    public static IReadOnlyList<string> RoleColumns { get; } =
        ["role", "respondents", "rc_given", "rc_received", "rc_within", "betweenness", "eigenvector"];

    /// <summary>The columns of <c>compare.csv</c>.</summary>
    public static IReadOnlyList<string> CompareColumns { get; } =
        ["from_role", "to_role", "n_before", "n_after", "before", "after", "change", "t", "df", "p_value", "p_holm", "p_bh"];

    /// <summary>Writes <c>ties.csv</c>: one row per tie with n ≥ 1; role names as <paramref name="textFields"/> says.</summary>
    public static void WriteTies(TextWriter writer, ImmutableArray<TieResult> ties, CsvTextFields textFields)
    {
        var csv = new CsvWriter(writer, textFields);
        csv.Row(TieColumns);
        foreach (var tie in ties)
        {
            csv.Field(tie.FromRole).Field(tie.ToRole).Field(tie.N)
                .Field(tie.Strength).Field(tie.StandardDeviation).Field(tie.CiLow).Field(tie.CiHigh);
            foreach (var mean in tie.DimensionMeans)
            {
                csv.Field(mean);
            }

            csv.Field(tie.Band?.Key()).Field(tie.Suppressed).EndRow();
        }
    }

    /// <summary>Writes <c>roles.csv</c>: one row per role; role names as <paramref name="textFields"/> says.</summary>
    public static void WriteRoles(TextWriter writer, ImmutableArray<RoleResult> roles, CsvTextFields textFields)
    {
        var csv = new CsvWriter(writer, textFields);
        csv.Row(RoleColumns);
        foreach (var role in roles)
        {
            csv.Field(role.Role).Field(role.Respondents).Field(role.RcGiven).Field(role.RcReceived)
                .Field(role.RcWithin).Field(role.Betweenness).Field(role.Eigenvector).EndRow();
        }
    }

    /// <summary>Writes <c>summary.csv</c>: one row per metric (<paramref name="textFields"/> for a writer shared with the other files).</summary>
    public static void WriteSummary(TextWriter writer, NetworkSummary summary, CsvTextFields textFields)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var csv = new CsvWriter(writer, textFields);
        csv.Row(["metric", "value"]);
        csv.Field("respondents").Field(summary.Respondents).EndRow();
        csv.Field("roles").Field(summary.Roles).EndRow();
        csv.Field("observations").Field(summary.Observations).EndRow();
        csv.Field("rc_index").Field(summary.RcIndex).EndRow();
        csv.Field("rc_between").Field(summary.RcBetween).EndRow();
        csv.Field("rc_within").Field(summary.RcWithin).EndRow();
        csv.Field("cronbach_alpha").Field(summary.CronbachAlpha).EndRow();
        csv.Field("icc1").Field(summary.Icc1).EndRow();
        csv.Field("icc2").Field(summary.Icc2).EndRow();
        csv.Field("rwg_j_mean").Field(summary.RwgJMean).EndRow();
        csv.Field("rwg_j_median").Field(summary.RwgJMedian).EndRow();
        csv.Field("strong_tie_density").Field(summary.StrongTieDensity).EndRow();
        csv.Field("weak_ties").Field(summary.WeakTies).EndRow();
        csv.Field("mean_reciprocity_gap").Field(summary.MeanReciprocityGap).EndRow();
    }

    /// <summary>Writes <c>compare.csv</c>: one row per tie compared between two waves; role names as <paramref name="textFields"/> says.</summary>
    public static void WriteCompare(TextWriter writer, ImmutableArray<TieChange> changes, CsvTextFields textFields)
    {
        var csv = new CsvWriter(writer, textFields);
        csv.Row(CompareColumns);
        foreach (var change in changes)
        {
            csv.Field(change.FromRole).Field(change.ToRole).Field(change.NBefore).Field(change.NAfter)
                .Field(change.Before).Field(change.After).Field(change.Change)
                .Field(change.T).Field(change.Df).Field(change.PValue).Field(change.PHolm).Field(change.PBh).EndRow();
        }
    }
}
