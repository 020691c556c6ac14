using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>How to score: the minimum group size and whether to report anonymously.</summary>
public sealed record ScoringOptions
{
    /// <summary>The default minimum group size k.</summary>
    public const int DefaultMinGroupSize = 5;

    /// <summary>The smallest minimum group size the method allows.</summary>
    public const int LowestMinGroupSize = 3;

    /// <summary>Creates options; <paramref name="minGroupSize"/> must be at least 3.</summary>
    public ScoringOptions(int minGroupSize = DefaultMinGroupSize, bool anonymous = false)
    {
        if (minGroupSize < LowestMinGroupSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minGroupSize), minGroupSize, $"The minimum group size must be at least {LowestMinGroupSize}.");
        }

        MinGroupSize = minGroupSize;
        Anonymous = anonymous;
    }

    /// <summary>k: a tie with fewer respondents than this is suppressed.</summary>
    public int MinGroupSize { get; }

    /// <summary>
    /// Report anonymously: suppressed ties carry no numbers (not even n), roles with fewer than k
    /// respondents no count, and every role, network, respondent-level and psychometric figure uses
    /// the reportable ties (and their observations) only.
    /// </summary>
    public bool Anonymous { get; }

    /// <summary>k = 5, not anonymous (a researcher's view of their own raw data).</summary>
    public static ScoringOptions Default { get; } = new();
}

/// <summary>The strength band of a tie: weak below 3.5, strong from 4.0.</summary>
public enum TieBand
{
    /// <summary>T &lt; 3.5.</summary>
    Weak = 0,
    /// <summary>3.5 ≤ T &lt; 4.0.</summary>
    Moderate = 1,
    /// <summary>T ≥ 4.0.</summary>
    Strong = 2,
}

/// <summary>The band thresholds of the published RC literature.</summary>
public static class TieBands
{
    /// <summary>A tie below this strength is weak.</summary>
    public const double WeakBelow = 3.5;

    /// <summary>A tie at or above this strength is strong.</summary>
    public const double StrongFrom = 4.0;

    /// <summary>The band of a tie strength.</summary>
    public static TieBand Of(double strength) =>
        strength < WeakBelow ? TieBand.Weak : strength < StrongFrom ? TieBand.Moderate : TieBand.Strong;

    /// <summary>The band's name in the CSV formats: <c>weak</c>, <c>moderate</c> or <c>strong</c>.</summary>
    public static string Key(this TieBand band) => band switch
    {
        TieBand.Weak => "weak",
        TieBand.Moderate => "moderate",
        _ => "strong",
    };
}

/// <summary>
/// One tie, role <see cref="FromRole"/> → role <see cref="ToRole"/>: how the from-role experiences
/// working with the to-role. Undefined values are null; a suppressed tie in an anonymous report
/// keeps only its roles and <see cref="Suppressed"/>.
/// </summary>
/// <param name="FromRole">The rating role.</param>
/// <param name="ToRole">The rated role.</param>
/// <param name="N">Observations with a respondent tie score (at least 4 items answered); null for a suppressed tie reported anonymously.</param>
/// <param name="Strength">Tie strength T: the mean respondent tie score.</param>
/// <param name="StandardDeviation">Sample standard deviation of the respondent tie scores (n ≥ 2).</param>
/// <param name="CiLow">Lower end of the 95 % Student-t confidence interval of T (n ≥ 2).</param>
/// <param name="CiHigh">Upper end of the 95 % Student-t confidence interval of T (n ≥ 2).</param>
/// <param name="DimensionMeans">Mean score of each dimension over all observations, in survey order; reported anonymously, over the complete observations, and all null when fewer than k people answered every item or the others who scored the tie are fewer than k.</param>
/// <param name="RwgJ">Within-tie agreement rwg(j) over complete observations (at least 2; reported anonymously, null whenever the dimension means are).</param>
/// <param name="Suppressed">n is below the minimum group size.</param>
public sealed record TieResult(
    string FromRole,
    string ToRole,
    int? N,
    double? Strength,
    double? StandardDeviation,
    double? CiLow,
    double? CiHigh,
    ImmutableArray<double?> DimensionMeans,
    double? RwgJ,
    bool Suppressed)
{
    /// <summary>The band of <see cref="Strength"/>, when it is shown.</summary>
    public TieBand? Band => Strength is { } t ? TieBands.Of(t) : null;

    /// <summary>True for a within-role tie (a role about itself).</summary>
    public bool IsWithinRole => string.Equals(FromRole, ToRole, StringComparison.Ordinal);

    /// <summary>The mean of one dimension, or null.</summary>
    public double? Mean(Dimension dimension) => DimensionMeans[(int)dimension];
}

/// <summary>One role's scores and its place in the role network. Undefined values are null.</summary>
/// <param name="Role">The role's name.</param>
/// <param name="Respondents">Distinct respondents in this role; null below the minimum group size when reported anonymously.</param>
/// <param name="RcGiven">Mean strength of this role's ties to other roles: how it experiences the others.</param>
/// <param name="RcReceived">Mean strength of other roles' ties to this role: how the others experience it.</param>
/// <param name="RcWithin">Strength of the role's tie to itself.</param>
/// <param name="Betweenness">Normalised betweenness on the working-tie network: a candidate broker.</param>
/// <param name="Eigenvector">Eigenvector centrality on the weighted role graph, scaled to a maximum of 1.</param>
public sealed record RoleResult(
    string Role,
    int? Respondents,
    double? RcGiven,
    double? RcReceived,
    double? RcWithin,
    double? Betweenness,
    double? Eigenvector);

/// <summary>Whole-network figures and psychometrics. Undefined (or withheld) values are null.</summary>
/// <param name="Respondents">Distinct respondents (anonymous: those with an observation of a reportable tie).</param>
/// <param name="Roles">Roles in the network.</param>
/// <param name="Observations">Observations, one respondent about one target role (anonymous: of reportable ties).</param>
/// <param name="RcIndex">Mean over respondents of their mean tie score.</param>
/// <param name="RcBetween">Mean over respondents of their mean tie score about other roles.</param>
/// <param name="RcWithin">Mean over respondents of their tie score about their own role.</param>
/// <param name="CronbachAlpha">Raw Cronbach's alpha of the seven items over complete observations.</param>
/// <param name="Icc1">ICC(1) of respondent tie scores grouped by tie.</param>
/// <param name="Icc2">ICC(2) of respondent tie scores grouped by tie.</param>
/// <param name="RwgJMean">Mean rwg(j) over ties where it is defined.</param>
/// <param name="RwgJMedian">Median rwg(j) over ties where it is defined.</param>
/// <param name="StrongTieDensity">Share of between-role ties with T ≥ 4.0.</param>
/// <param name="WeakTies">Count of between-role ties with T &lt; 3.5.</param>
/// <param name="MeanReciprocityGap">Mean |T(a→b) − T(b→a)| over pairs with both directions.</param>
public sealed record NetworkSummary(
    int Respondents,
    int Roles,
    int Observations,
    double? RcIndex,
    double? RcBetween,
    double? RcWithin,
    double? CronbachAlpha,
    double? Icc1,
    double? Icc2,
    double? RwgJMean,
    double? RwgJMedian,
    double? StrongTieDensity,
    int WeakTies,
    double? MeanReciprocityGap);

/// <summary>Everything the scoring engine computes for one response set.</summary>
/// <param name="Options">The options the result was computed with.</param>
/// <param name="Ties">Ties with n ≥ 1, ordered by from-role then to-role (ordinal).</param>
/// <param name="Roles">Every role, ordered by name (ordinal).</param>
/// <param name="Summary">The whole network and psychometrics.</param>
public sealed record ScoringResult(
    ScoringOptions Options,
    ImmutableArray<TieResult> Ties,
    ImmutableArray<RoleResult> Roles,
    NetworkSummary Summary);

/// <summary>One tie compared between two waves. Undefined values are null.</summary>
/// <param name="FromRole">The rating role.</param>
/// <param name="ToRole">The rated role.</param>
/// <param name="NBefore">n of the tie in the earlier wave.</param>
/// <param name="NAfter">n of the tie in the later wave.</param>
/// <param name="Before">T in the earlier wave.</param>
/// <param name="After">T in the later wave.</param>
/// <param name="Change">After − before.</param>
/// <param name="T">Welch's t statistic (later against earlier).</param>
/// <param name="Df">Welch–Satterthwaite degrees of freedom.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="PHolm">The p-value adjusted by Holm's method over every tie of the comparison.</param>
/// <param name="PBh">The p-value adjusted by Benjamini–Hochberg over every tie of the comparison.</param>
public sealed record TieChange(
    string FromRole,
    string ToRole,
    int NBefore,
    int NAfter,
    double Before,
    double After,
    double Change,
    double? T,
    double? Df,
    double? PValue,
    double? PHolm,
    double? PBh)
{
    /// <summary>The conventional significance level used to flag a change.</summary>
    public const double SignificanceLevel = 0.05;

    /// <summary>
    /// True when the change is significant with the false discovery rate held at 5 %
    /// (<see cref="PBh"/> &lt; 0.05): with dozens of ties tested at once, an unadjusted p &lt; 0.05
    /// would call about one tie in twenty changed by chance alone.
    /// </summary>
    public bool IsSignificant => PBh is < SignificanceLevel;
}
