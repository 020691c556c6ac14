using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// The role-by-role heatmap of a result — on the heatmap page (cells and roles link on, with
/// <see cref="LinkBase"/>), in a shared results link and in the printable report (no links).
/// </summary>
public sealed class HeatmapView
{
    private readonly Dictionary<(string, string), TieResult> ties;

    /// <param name="focus">The rating role a phone shows (its row as a list); the first when null or unknown.</param>
    /// <param name="phoneList">Whether small screens get the one-row list instead of the table (not in the printed report).</param>
    public HeatmapView(Survey survey, ScoringResult result, Dimension? dimension, string? linkBase, Guid? focus = null, bool phoneList = true)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(result);
        (Survey, Dimension, LinkBase, PhoneList) = (survey, dimension, linkBase, phoneList);
        ties = result.Ties.ToDictionary(t => (t.FromRole, t.ToRole));
        var roles = survey.ReportedRoles;   // worked out at each use: once here
        Rows = [.. roles.Where(r => r.Answers)];
        Columns = [.. roles.Where(r => r.IsRated)];
        // Unless asked for another, the first role with a tie to show: a list of "fewer than k" says nothing.
        Focus = Rows.FirstOrDefault(r => r.Id == focus)
            ?? Rows.FirstOrDefault(r => Columns.Any(c => Cell(r, c) is { Tie.Suppressed: false }))
            ?? (Rows.Count > 0 ? Rows[0] : null);
    }

    /// <summary>
    /// Whether a phone sees one rating role's row as a list: a table of eight roles is wider than
    /// 360 px and scrolled sideways with names broken mid-word.
    /// </summary>
    public bool PhoneList { get; }

    /// <summary>The rating role whose row the phone list shows.</summary>
    public SurveyRole? Focus { get; }

    public Survey Survey { get; }

    /// <summary>The dimension shown, or null for the RC index (tie strength).</summary>
    public Dimension? Dimension { get; }

    /// <summary>The survey's results URL that cells and role names link under, or null for no links.</summary>
    public string? LinkBase { get; }

    /// <summary>
    /// Where a cell links, or null without links: relative to the heatmap page, which lives under
    /// <see cref="LinkBase"/>, with ids without dashes. At 100 roles the table has 10,000 cells, and
    /// the full address cost 100 bytes in each: a megabyte of the page.
    /// </summary>
    public string? TieUrl(SurveyRole from, SurveyRole to) =>
        LinkBase is null ? null : $"tie?from={from?.Id:N}&to={to?.Id:N}";

    public IReadOnlyList<SurveyRole> Rows { get; }

    /// <summary>The ties (by role names) that the change plan's interventions target, marked in their cells; none outside the heatmap page.</summary>
    public IReadOnlySet<(string From, string To)> Targeted { get; init; } = new HashSet<(string, string)>();

    public IReadOnlyList<SurveyRole> Columns { get; }

    /// <summary>Many roles: narrow cells and upright column names, so 40 roles fit a laptop's width.</summary>
    public bool Compact => Columns.Count > 16;

    public string ViewName => Dimension?.DisplayName() ?? "RC index (tie strength)";

    /// <summary>A dimension view where some reportable tie's mean is withheld (decision 25): the page says why.</summary>
    public bool SomeWithheld => Dimension is { } d && ties.Values.Any(t => !t.Suppressed && t.Mean(d) is null);

    /// <summary>What one cell shows: the tie, its value in this view, its band; null when nobody rated it.</summary>
    public (TieResult Tie, double? Value, TieBand? Band)? Cell(SurveyRole from, SurveyRole to)
    {
        if (!ties.TryGetValue((from.Name, to.Name), out var tie))
        {
            return null;
        }

        var value = Dimension is { } d ? tie.Mean(d) : tie.Strength;
        return (tie, value, value is { } v ? TieBands.Of(v) : null);
    }
}

/// <summary>The network's ties as a list, for phones (the network page, a shared results link).</summary>
public sealed record NetworkListView(Survey Survey, ScoringResult Result, bool Links)
{
    /// <summary>The ties the change plan's interventions target, marked in the list; none outside the network page.</summary>
    public IReadOnlySet<(string From, string To)> Targeted { get; init; } = new HashSet<(string, string)>();
}
