using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

public sealed class PreviewModel : SurveyPageModel
{
    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    // Keeps its name from when it read the survey itself: the authorization tests list every handler by name.
    public Task OnGetAsync()
    {
        Texts = RespondentTexts.For(HttpContext);
        return Task.CompletedTask;
    }
}
