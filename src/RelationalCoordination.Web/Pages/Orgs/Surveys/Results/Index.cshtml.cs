using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>The results at a glance: the RC index and what the psychometrics say, in plain words.</summary>
public sealed class IndexModel(CurrentOrganisation org, SurveyResults results) : SurveyPageModel
{
    /// <summary>Alpha and rwg(j) from this value count as good (the usual rule of thumb).</summary>
    public const double Acceptable = 0.7;

    public CurrentOrganisation Org => org;

    /// <summary>The published results; null while the survey is open (the page then says so).</summary>
    public ScoringResult? Result { get; private set; }

    public async Task OnGetAsync() => Result = await results.ForAsync(Survey);

    /// <summary>The psychometrics as sentences a leader can act on.</summary>
    public IEnumerable<string> Readings()
    {
        if (Result is null)
        {
            yield break;
        }

        var s = Result.Summary;
        if (s.CronbachAlpha is { } alpha)
        {
            yield return alpha >= Acceptable
                ? $"The seven items hang together: alpha {Format.Number(alpha)}."
                : $"The seven items do not hang together well (alpha {Format.Number(alpha)}): read the index with care.";
        }

        if (s.RwgJMedian is { } rwg)
        {
            yield return rwg >= Acceptable
                ? $"Raters within a role agree: median rwg(j) {Format.Number(rwg)}."
                : $"Raters within a role agree too little to trust role-level scores (median rwg(j) {Format.Number(rwg)}): people in the same role experience the others differently.";
        }

        if (s.Icc1 is { } icc1 && s.Icc2 is { } icc2)
        {
            yield return $"Ties differ from one another (ICC(1) {Format.Number(icc1)}), and a tie's strength is {(icc2 >= Acceptable ? "reliably" : "not reliably")} estimated from its respondents (ICC(2) {Format.Number(icc2)}).";
        }
    }
}
