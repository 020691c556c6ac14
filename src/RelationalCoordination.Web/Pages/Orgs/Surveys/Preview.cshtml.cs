using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

public sealed class PreviewModel : SurveyPageModel
{
    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    /// <summary>Whose wording the preview shows: clients read their own (<c>?audience=client</c>).</summary>
    public ItemAudience Audience { get; private set; }

    /// <summary>The survey as a respondent of the chosen language reads it (its translation, where given).</summary>
    public Survey Shown => Survey.In(Texts.Code);

    /// <summary>A role of the client kind answers: the preview offers the client wording too.</summary>
    public bool ClientsAnswer => Survey.Roles.Any(r => r.Answers && r.Kind == RoleKind.Client);

    // Keeps its name from when it read the survey itself: the authorization tests list every handler by name.
    public Task OnGetAsync(string? audience)
    {
        Texts = RespondentTexts.For(HttpContext);
        Audience = audience == "client" ? ItemAudience.Client : ItemAudience.Staff;
        return Task.CompletedTask;
    }
}
