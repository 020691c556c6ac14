using Microsoft.AspNetCore.Mvc;

using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Sessions;

/// <summary>The session's steps on one print-ready page, in the order the room saw them, the predictions beside the results.</summary>
public sealed class PrintModel(CurrentOrganisation org, FeedbackSessions sessions, TimeProvider clock) : SurveyPageModel
{
    public SessionView View { get; private set; } = null!;

    public DateTimeOffset Printed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid sessionId)
    {
        if (await sessions.FindAsync(Survey.Id, sessionId) is not { } session)
        {
            return NotFound();
        }

        if (await sessions.StepsAsync(Survey, session, withComparison: true) is not { } steps)
        {
            return RedirectToPage("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id });   // it says why there are no results yet
        }

        var map = RelationalMap.Of(Survey);
        (View, Printed) = (new SessionView { Survey = Survey, Session = session, Map = map, Steps = steps, Printing = true }, clock.GetUtcNow());
        return Page();
    }
}
