using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs;

public sealed class DashboardModel(AppDbContext db, CurrentOrganisation org) : PageModel
{
    public CurrentOrganisation Org => org;

    public IReadOnlyList<SurveyRow> Surveys { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Surveys = await db.Surveys.AsNoTracking()
            .Where(s => s.OrganisationId == org.Id)
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new SurveyRow(
                s.Id, s.Title, s.WorkProcess, s.Status, s.OpensAt, s.ClosesAt,
                db.Responses.Count(r => r.SurveyId == s.Id)))
            .ToListAsync();
    }

    public sealed record SurveyRow(Guid Id, string Title, string WorkProcess, SurveyStatus Status, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, int Responses);
}
