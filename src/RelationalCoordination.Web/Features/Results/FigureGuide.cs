using RelationalCoordination.Domain.Scoring;

namespace RelationalCoordination.Web.Features.Results;

/// <summary>How a figure reads: a count, a score on the 1–5 scale, a share, a coefficient from 0 to 1.</summary>
public enum FigureKind
{
    Count,
    Score,
    Share,
    Coefficient,
}

/// <summary>One summary figure as a reader meets it: its machine key (the CSV's), a name and what it means.</summary>
public sealed record FigureText(string Key, string Label, string Meaning, FigureKind Kind, Func<NetworkSummary, double?> Value);

/// <summary>
/// The summary's figures in words, one list for the overview's explanations, the workbook's
/// Summary sheet and the user guide, so the three cannot drift apart.
/// </summary>
public static class FigureGuide
{
    /// <summary>Alpha, rwg(j) and ICC(2) from this value count as good (the usual rule of thumb).</summary>
    public const double Acceptable = 0.7;

    public static IReadOnlyList<FigureText> Summary { get; } =
    [
        new("respondents", "Respondents", "People whose answers are in these results.", FigureKind.Count, s => s.Respondents),
        new("roles", "Roles", "Roles of the work process that answered or were rated.", FigureKind.Count, s => s.Roles),
        new("observations", "Ratings", "One respondent's seven answers about one role make one rating.", FigureKind.Count, s => s.Observations),
        new("rc_index", "RC index (1–5)",
            "The mean strength of the ties shown, on the survey's 1 to 5 scale: below 3.5 is weak, 3.5 to 4 moderate, 4 and above strong.", FigureKind.Score, s => s.RcIndex),
        new("rc_between", "RC between roles (1–5)", "The RC index over ties from one role to another.", FigureKind.Score, s => s.RcBetween),
        new("rc_within", "RC within a role (1–5)", "The RC index over how each role rates its own colleagues.", FigureKind.Score, s => s.RcWithin),
        new("cronbach_alpha", "Do the seven questions agree? (Cronbach's alpha, 0–1)",
            "Whether the seven questions measure one thing. From 0.7 they do, and one index per tie is a fair summary.", FigureKind.Coefficient, s => s.CronbachAlpha),
        new("icc1", "Do ties really differ? (ICC(1), 0–1)",
            "How much of the spread in answers comes from which tie is rated rather than from who rates it. Above 0.1, ties differ in earnest.", FigureKind.Coefficient, s => s.Icc1),
        new("icc2", "Can a tie's score be trusted? (ICC(2), 0–1)",
            "How reliably a tie's mean measures that tie. From 0.7 the heatmap can be trusted.", FigureKind.Coefficient, s => s.Icc2),
        new("rwg_j_mean", "Do colleagues agree about a tie? Mean (rwg(j), 0–1)",
            "How much the people of one role agree when they rate another role. From 0.7 they agree strongly.", FigureKind.Coefficient, s => s.RwgJMean),
        new("rwg_j_median", "Do colleagues agree about a tie? Median (rwg(j), 0–1)",
            "The same, the middle tie's: half the ties agree more, half less.", FigureKind.Coefficient, s => s.RwgJMedian),
        new("strong_tie_density", "Strong ties between roles (share)",
            "The share of shown ties between two roles at 4.0 or above.", FigureKind.Share, s => s.StrongTieDensity),
        new("weak_ties", "Weak ties between roles (count)",
            "How many shown ties between two roles are below 3.5.", FigureKind.Count, s => s.WeakTies),
        new("mean_reciprocity_gap", "Gap between the two directions (points)",
            "How differently two roles see each other, on average, in points of the 1–5 scale.", FigureKind.Score, s => s.MeanReciprocityGap),
    ];

    /// <summary>The figure of a machine key.</summary>
    public static FigureText Of(string key) => Summary.Single(f => f.Key == key);
}
