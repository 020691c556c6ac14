using System.Collections.Immutable;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// Did it work? This survey against an earlier wave of its series (its previous wave by default):
/// per tie reportable in both, the change and whether it is significant.
/// </summary>
public sealed class CompareModel(AppDbContext db, CurrentOrganisation org, SurveyResults results) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public Survey? Earlier { get; private set; }

    /// <summary>The survey's earlier waves that are not drafts, the nearest first: what it can be compared with.</summary>
    public IReadOnlyList<EarlierWave> Candidates { get; private set; } = [];

    /// <summary>Why the chosen survey cannot be compared with this one (it is not an earlier wave), or null.</summary>
    public string? NotAnEarlierWave { get; private set; }

    /// <summary>The changes; null until both waves are closed.</summary>
    public ImmutableArray<TieChange>? Changes { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? with)
    {
        var survey = Survey;
        Candidates = [.. (await results.EarlierWavesAsync(survey)).Where(w => w.Status != SurveyStatus.Draft)];
        var earlierId = with ?? survey.PreviousWaveId;
        if (earlierId is { } e)
        {
            Earlier = await db.FindAsync(org.Id, e);
            if (Earlier is null || e == id)
            {
                return NotFound();
            }

            // Any survey of the organisation can be named in the address; only an earlier wave is compared.
            if ((NotAnEarlierWave = await results.NotAnEarlierWaveAsync(Earlier, survey)) is not null)
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
            else if (SurveyResults.RawAnswersGone(Earlier, survey) is null)
            {
                // Null unless both waves are closed: the page then says that results are not out yet.
                Changes = await results.CompareAsync(Earlier, survey);
            }
        }

        return Page();
    }
}
