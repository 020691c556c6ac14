using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Sessions;

/// <summary>A survey's feedback sessions: the guided sequence a facilitator runs with the roles once the results are out.</summary>
public sealed class IndexModel(CurrentOrganisation org, FeedbackSessions sessions, SurveyResults results) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public IReadOnlyList<FeedbackSession> Sessions { get; private set; } = [];

    /// <summary>False while the survey has no published results: no session can be held yet.</summary>
    public bool HasResults { get; private set; }

    public async Task OnGetAsync()
    {
        HasResults = await results.ForAsync(Survey) is not null;
        Sessions = await sessions.ListAsync(Survey.Id);
    }
}
