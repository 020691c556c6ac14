using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>Deletes a survey with all its responses, after the facilitator confirms it.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class DeleteModel(AppDbContext db, CurrentOrganisation org, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    public int Responses { get; private set; }

    public int Drafts { get; private set; }

    public string? Problem { get; private set; }

    public Task OnGetAsync() => CountAsync();

    public async Task<IActionResult> OnPostAsync(Guid id, string? confirm, [FromServices] DeleteSurvey delete)
    {
        await CountAsync();
        if (confirm != "yes")
        {
            Problem = texts.Translate("Tick the box to confirm that the survey and all its responses are deleted for good.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if ((await delete.RunAsync(org.Id, id)).Kind == Features.OutcomeKind.NotFound)
        {
            return NotFound();
        }

        return RedirectToPage("/Orgs/Dashboard", new { orgId = org.Id, deleted = 1 });
    }

    /// <summary>What the deletion takes with it, for the confirmation.</summary>
    private async Task CountAsync()
    {
        Responses = await db.Responses.CountAsync(r => r.SurveyId == Survey.Id);
        Drafts = await db.ResponseDrafts.CountAsync(d => d.SurveyId == Survey.Id);
    }
}
