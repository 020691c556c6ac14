using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>Deletes a survey with all its responses, after the facilitator confirms it.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class DeleteModel(AppDbContext db, Features.Responding.SurveyDefinitions definitions, CurrentOrganisation org, AuditLog audit) : PageModel
{
    public Survey? Survey { get; private set; }

    public int Responses { get; private set; }

    public int Drafts { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, string? confirm)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (confirm != "yes")
        {
            Problem = "Tick the box to confirm that the survey and all its responses are deleted for good.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await SurveyDeletion.DeleteAsync(db, definitions, id);
        audit.Add(org.Id, AuditActions.SurveyDeleted, $"{AuditLog.Survey(Survey!)}: {Responses} responses");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Redirect($"/orgs/{org.Id}?deleted=1");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Survey = await db.FindAsync(org.Id, id);
        if (Survey is null)
        {
            return false;
        }

        Responses = await db.Responses.CountAsync(r => r.SurveyId == id);
        Drafts = await db.ResponseDrafts.CountAsync(d => d.SurveyId == id);
        return true;
    }
}
