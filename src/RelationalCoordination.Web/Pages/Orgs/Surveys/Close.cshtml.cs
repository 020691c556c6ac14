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
/// no way back — and how many answers in progress it discards, with the choice to keep it open;
/// which answering roles are too small to report, and the forms that combine them into reporting
/// groups (<see cref="GroupRoles"/>). The page shows; its post closes (<see cref="CloseSurvey"/>).
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

    /// <summary>The answering roles no group holds yet, with their submitted responses: what can be combined.</summary>
    public IReadOnlyList<(SurveyRole Role, int Submitted)> Ungrouped { get; private set; } = [];

    /// <summary>The reporting groups so far, each with its members' names and their responses together.</summary>
    public IReadOnlyList<(ReportingGroup Group, string Members, int Submitted)> Groups { get; private set; } = [];

    /// <summary>The group form as posted, shown again with its problems when it was refused.</summary>
    [BindProperty]
    public GroupInput Group { get; set; } = new();

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

    /// <summary>Combines the chosen answering roles into a reporting group; the page again, saying what happened.</summary>
    public async Task<IActionResult> OnPostCombineAsync(Guid id, [FromServices] GroupRoles groups)
    {
        var outcome = await groups.CombineAsync(org.Id, id, Group.Name, Group.Roles);
        return await AfterAsync(outcome.Kind, outcome.Message, outcome.Errors);
    }

    /// <summary>Splits a reporting group: its roles report on their own again.</summary>
    public async Task<IActionResult> OnPostSplitAsync(Guid id, Guid group, [FromServices] GroupRoles groups)
    {
        var outcome = await groups.SplitAsync(org.Id, id, group);
        return await AfterAsync(outcome.Kind, outcome.Message, outcome.Errors);
    }

    private async Task<IActionResult> AfterAsync(Features.OutcomeKind kind, string? message, IReadOnlyDictionary<string, string[]>? errors)
    {
        if (kind == Features.OutcomeKind.Done)
        {
            // Post/Redirect/Get: the close page again, with the groups as they are now.
            return RedirectToPage("/Orgs/Surveys/Close", null, new { orgId = org.Id, id = Survey.Id }, "groups");
        }

        // A survey gone meanwhile is a 404 page; a group gone meanwhile, this page saying so.
        if (!await ReloadSurveyAsync())
        {
            return NotFound();
        }

        await CountAsync();
        foreach (var (field, problems) in errors ?? new Dictionary<string, string[]>())
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError($"{nameof(Group)}.{field}", texts.Translate(problem));
            }
        }

        Problem = errors is null ? texts.TranslateOrNull(message) : null;
        Response.StatusCode = kind switch
        {
            Features.OutcomeKind.Invalid => StatusCodes.Status400BadRequest,
            Features.OutcomeKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        };
        return Page();
    }

    private async Task CountAsync()
    {
        var id = Survey.Id;
        InProgress = await drafts.InProgressAsync(id);
        var byRole = await db.SubmittedByRoleAsync(id);
        Submitted = byRole.Values.Sum();
        var grouped = Survey.ReportingGroups.SelectMany(g => g.Members).Select(m => m.RoleId).ToHashSet();
        var answering = Survey.Roles.Where(r => r.Answers).OrderBy(r => r.Position).ToList();
        Ungrouped = [.. answering.Where(r => !grouped.Contains(r.Id)).Select(r => (r, byRole.GetValueOrDefault(r.Id)))];
        Groups = [.. Survey.ReportingGroups.Select(g => (g,
            string.Join("; ", answering.Where(r => g.Members.Any(m => m.RoleId == r.Id)).Select(r => r.Name)),
            g.Members.Sum(m => byRole.GetValueOrDefault(m.RoleId))))];
        // As the results will report them: a group counts as one.
        BelowK = [.. Ungrouped.Select(u => (u.Role.Name, u.Submitted)).Concat(Groups.Select(g => (g.Group.Name, g.Submitted)))
            .Where(r => r.Item2 < Survey.MinGroupSize)];
    }

    public sealed class GroupInput
    {
        public string? Name { get; set; }

        public List<Guid> Roles { get; set; } = [];
    }
}
