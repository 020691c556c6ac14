using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>
/// Closing a survey, after saying what it does: no more answers, results computed once and fixed,
/// no way back — and how many answers in progress it discards, with the choice to keep it open.
/// The page shows; its post closes (<see cref="CloseSurvey"/>).
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class CloseModel(AppDbContext db, CurrentOrganisation org, DraftStore drafts, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    /// <summary>Started and not submitted: discarded by the closing. A total only (see <see cref="DraftStore.InProgressAsync"/>).</summary>
    public int InProgress { get; private set; }

    /// <summary>Submitted, stored or waiting to be stored with others: what the results are made from.</summary>
    public int Submitted { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>
    /// Answering roles with fewer than k submitted responses: their ratings will show as "fewer
    /// than k" in every view. Facilitators see these counts on the survey page already.
    /// </summary>
    public IReadOnlyList<(string Role, int Submitted)> BelowK { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Problem = Survey.Status == SurveyStatus.Open ? null : texts.Translate("Only an open survey can be closed.");
        await CountAsync();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromServices] CloseSurvey close)
    {
        var outcome = await close.RunAsync(org.Id, id);
        switch (outcome.Kind)
        {
            case Features.OutcomeKind.Done:
                return RedirectToPage("/Orgs/Surveys/Details", new { orgId = org.Id, id });
            case Features.OutcomeKind.NotFound:
                return NotFound();
            default:
                // The page again, with the survey as it is now: the refusal may be due to a change made meanwhile.
                if (!await ReloadSurveyAsync())
                {
                    return NotFound();
                }

                await CountAsync();
                Problem = texts.TranslateOrNull(outcome.Message);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
    }

    private async Task CountAsync()
    {
        var id = Survey.Id;
        InProgress = await drafts.InProgressAsync(id);
        var byRole = await db.SubmittedByRoleAsync(id);
        Submitted = byRole.Values.Sum();
        BelowK = [.. Survey.Roles.Where(r => r.Answers).OrderBy(r => r.Position)
            .Select(r => (r.Name, byRole.GetValueOrDefault(r.Id))).Where(r => r.Item2 < Survey.MinGroupSize)];
    }
}
