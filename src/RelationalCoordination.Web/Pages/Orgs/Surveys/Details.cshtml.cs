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

public sealed class DetailsModel(AppDbContext db, CurrentOrganisation org, TimeProvider clock, Features.Results.SurveyResults results, AuditLog audit, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public (Guid Id, string Title)? PreviousWave { get; private set; }

    public int Responses { get; private set; }

    public ResponseRates? Rates { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    [RequiresRole(OrgRole.Facilitator)]
    public async Task<IActionResult> OnPostDuplicateAsync()
    {
        var copy = SurveyQueries.CopyOf(Survey, texts.GetString("Copy of {0}", Survey.Title), null, clock.GetUtcNow());
        db.Surveys.Add(copy);
        audit.Add(org.Id, AuditActions.SurveyCreated, $"{AuditLog.Survey(copy)}, a copy of {AuditLog.Survey(Survey)}");
        await db.SaveChangesAsync();
        return RedirectToPage("/Orgs/Surveys/Edit", new { orgId = org.Id, id = copy.Id });
    }

    /// <summary>For an owner of a closed survey: how many respondents the raw export leaves out.</summary>
    public int? RawExportLeftOut { get; private set; }

    private async Task LoadAsync()
    {
        var id = Survey.Id;
        // A survey past its closing date is published at its first look: its waiting answers are
        // stored, so the counts below are final, as the raw export will be.
        await results.EnsurePublishedAsync(Survey);
        // Submitted drafts waiting to be stored with others count as submitted.
        var submitted = await db.SubmittedByRoleAsync(id);
        Responses = submitted.Values.Sum();
        var inProgress = await db.ResponseDrafts.Where(d => d.SurveyId == id && !d.Submitted).GroupBy(d => d.RoleId)
            .Select(g => new { RoleId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.RoleId, g => g.Count);
        Rates = ResponseRates.For(Survey, submitted, inProgress, showSmallCounts: org.IsAtLeast(OrgRole.Facilitator));
        if (org.IsAtLeast(OrgRole.Owner) && ExportResponses.WhyNot(Survey, clock.GetUtcNow()) is null)
        {
            // What the owner's raw export will leave out: the respondents of roles below k, a reporting group counted as one.
            var reportedAs = Survey.ReportedAs();
            RawExportLeftOut = submitted.GroupBy(s => reportedAs.GetValueOrDefault(s.Key, ""), s => s.Value).Select(g => g.Sum()).Where(n => n < Survey.MinGroupSize).Sum();
        }

        if (Survey.PreviousWaveId is { } previous)
        {
            PreviousWave = await db.Surveys.Where(s => s.Id == previous && s.OrganisationId == org.Id)
                .Select(s => new ValueTuple<Guid, string>(s.Id, s.Title)).SingleOrDefaultAsync();
        }
    }
}
