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
/// Did it work? This survey against an earlier wave (its previous wave by default): per tie
/// reportable in both, the change and whether it is significant.
/// </summary>
public sealed class CompareModel(AppDbContext db, CurrentOrganisation org, SurveyResults results) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public Survey? Earlier { get; private set; }

    /// <summary>The organisation's other surveys, to compare with.</summary>
    public IReadOnlyList<(Guid Id, string Title)> Candidates { get; private set; } = [];

    /// <summary>The changes; null until both waves are closed.</summary>
    public ImmutableArray<TieChange>? Changes { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? with)
    {
        var survey = Survey;
        Candidates = await db.Surveys.Where(s => s.OrganisationId == org.Id && s.Id != id && s.Status != SurveyStatus.Draft)
            .OrderByDescending(s => s.CreatedAt).Select(s => new ValueTuple<Guid, string>(s.Id, s.Title)).ToListAsync();
        var earlierId = with ?? survey.PreviousWaveId;
        if (earlierId is { } e)
        {
            Earlier = await db.FindAsync(org.Id, e);
            if (Earlier is null || e == id)
            {
                return NotFound();
            }

            if (SurveyResults.RawAnswersGone(Earlier, survey) is null)
            {
                // Null unless both waves are closed: the page then says that results are not out yet.
                Changes = await results.CompareAsync(Earlier, survey);
            }
        }

        return Page();
    }
}
