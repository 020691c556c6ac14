using System.Collections.Immutable;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// Did it work? This survey against an earlier wave of its series (its previous wave by default):
/// per tie reportable in both, the change and whether it is significant.
/// </summary>
public sealed class CompareModel(AppDbContext db, CurrentOrganisation org, SurveyResults results, SurveySeries series) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public Survey? Earlier { get; private set; }

    /// <summary>The survey's earlier waves that are not drafts, the nearest first: what it can be compared with.</summary>
    public IReadOnlyList<EarlierWave> Candidates { get; private set; } = [];

    /// <summary>Why the chosen survey cannot be compared with this one (it is not an earlier wave), or null.</summary>
    public Sentence? NotAnEarlierWave { get; private set; }

    /// <summary>The changes; null until both waves are closed.</summary>
    public ImmutableArray<TieChange>? Changes { get; private set; }

    /// <summary>The ties the change team's interventions targeted between the two waves (by role names).</summary>
    public IReadOnlySet<(string From, string To)> Targeted { get; private set; } = new HashSet<(string, string)>();

    /// <summary>The interventions made from the earlier wave up to this one, not stopped.</summary>
    public IReadOnlyList<Intervention> Interventions { get; private set; } = [];

    /// <summary>Targeted against untargeted ties; null without both waves' results or without interventions.</summary>
    public InterventionEffect? Effect { get; private set; }

    /// <summary>The whole network before and after: each wave's published figures, side by side.</summary>
    public IReadOnlyList<(string Label, double? Before, double? After)> Overall { get; private set; } = [];

    /// <summary>
    /// A change as the page shows it: the difference of the two ends as shown, so 3.06 → 3.41
    /// reads +0.35 and not the +0.36 of the unrounded figures.
    /// </summary>
    public static string Change(double? before, double? after)
    {
        if (before is not { } b || after is not { } a)
        {
            return "—";
        }

        var change = Math.Round(a, 2, MidpointRounding.AwayFromZero) - Math.Round(b, 2, MidpointRounding.AwayFromZero);
        return (change >= 0 ? "+" : "") + Format.Number(change);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? with)
    {
        var survey = Survey;
        Candidates = [.. (await series.EarlierWavesAsync(survey)).Where(w => w.Status != SurveyStatus.Draft)];
        var earlierId = with ?? survey.PreviousWaveId;
        if (earlierId is { } e)
        {
            Earlier = await db.FindAsync(org.Id, e);
            if (Earlier is null || e == id)
            {
                return NotFound();
            }

            // Any survey of the organisation can be named in the address; only an earlier wave is compared.
            if ((NotAnEarlierWave = await series.NotAnEarlierWaveAsync(Earlier, survey)) is not null)
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
            else if (SurveyResults.RawAnswersGone(Earlier, survey) is null)
            {
                // Null unless both waves are closed: the page then says that results are not out yet.
                Changes = await results.CompareAsync(Earlier, survey);
                if (Changes is { } changes)
                {
                    // The plans made from the earlier wave and any wave after it, before this one.
                    var waves = (await series.EarlierWavesAsync(survey)).Select(w => w.Id).TakeWhile(w => w != Earlier.Id).Append(Earlier.Id).ToList();
                    Interventions = await db.ActiveInterventionsAsync(waves);
                    Targeted = Interventions.TargetedTies();
                    Effect = Targeted.Count == 0 ? null : InterventionEffects.Estimate(changes, Targeted);
                }

                if (Changes is not null && await results.ForAsync(Earlier) is { } before && await results.ForAsync(survey) is { } after)
                {
                    Overall =
                    [
                        ("RC index", before.Summary.RcIndex, after.Summary.RcIndex),
                        ("between roles", before.Summary.RcBetween, after.Summary.RcBetween),
                        ("within a role", before.Summary.RcWithin, after.Summary.RcWithin),
                    ];
                }
            }
        }

        return Page();
    }
}
