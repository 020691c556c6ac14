using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

public sealed class PreviewModel : SurveyPageModel
{
    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    /// <summary>The survey as a respondent of the chosen language reads it (its translation, where given).</summary>
    public Survey Shown => Survey.In(Texts.Code);

    // Keeps its name from when it read the survey itself: the authorization tests list every handler by name.
    public Task OnGetAsync()
    {
        Texts = RespondentTexts.For(HttpContext);
        return Task.CompletedTask;
    }
}
