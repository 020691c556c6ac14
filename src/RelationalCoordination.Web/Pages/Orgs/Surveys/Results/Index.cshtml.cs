using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// The results at a glance, for a manager who is not a statistician: the RC index with its scale
/// and band and what it means, whether the figures can be trusted in words, the strongest and the
/// weakest ties; every figure explained where it stands and, in numbers, one click away.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentOrganisation org, SurveyResults results) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    /// <summary>The published results; null while the survey is open (the page then says so).</summary>
    public ScoringResult? Result { get; private set; }

    /// <summary>Whether the survey has an earlier or a later wave, so the series view has something to show.</summary>
    public bool InSeries { get; private set; }

    public async Task OnGetAsync()
    {
        Result = await results.ForAsync(Survey);
        ShownBetween = Result is null ? [] : [.. Result.Ties.Where(t => !t.Suppressed && !t.IsWithinRole && t.Strength is not null)];
        InSeries = Survey.PreviousWaveId is not null || await db.Surveys.AnyAsync(s => s.PreviousWaveId == Survey.Id);
    }

    /// <summary>Shown ties between two different roles, the ones the network figures count.</summary>
    public IReadOnlyList<TieResult> ShownBetween { get; private set; } = [];

    /// <summary>What an RC index in a band means for the people doing the work.</summary>
    public static string Meaning(TieBand band) => band switch
    {
        TieBand.Weak => "Weak: on average these roles do not yet coordinate well — communication tends to come late, incomplete or with blame, and goals, knowledge and respect are not shared across roles.",
        TieBand.Moderate => "Moderate: some ties between these roles work well and others hold the work back — the heatmap shows which.",
        _ => "Strong: on average these roles share goals, knowledge and respect, and communicate frequently, in time, accurately and to solve problems.",
    };

    /// <summary>Whether the figures can be trusted, as sentences a leader can act on.</summary>
    public IEnumerable<string> Readings()
    {
        if (Result is null)
        {
            yield break;
        }

        var s = Result.Summary;
        if (s.CronbachAlpha is { } alpha)
        {
            yield return alpha >= FigureGuide.Acceptable
                ? "The seven questions agree with one another, so one score per tie is a fair summary."
                : "The seven questions do not agree well with one another: read the seven dimensions rather than the single score.";
        }

        if (s.RwgJMedian is { } rwg)
        {
            yield return rwg >= FigureGuide.Acceptable
                ? "People in the same role largely agree about the roles they rate: the heatmap can be trusted."
                : "People in the same role often disagree about the roles they rate: a tie's score hides different experiences, worth talking about.";
        }

        if (s.Icc2 is { } icc2)
        {
            yield return icc2 >= FigureGuide.Acceptable
                ? "Each tie's score is reliably estimated from its respondents."
                : "Some ties have too few or too varied answers for their score to be precise: read small differences with care.";
        }
    }
}
