using Microsoft.AspNetCore.Mvc;

using RelationalCoordination.Web.Features.Responding;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>After submitting; a refresh or the back button lands here again and stores nothing.</summary>
public sealed class ThanksModel(PublishedSurveys surveys, DraftStore drafts) : RespondentPageModel(surveys, drafts)
{
    public async Task<IActionResult> OnGetAsync(string key)
    {
        if (await LoadAsync(key, needsDraft: false) is { } elsewhere)
        {
            return elsewhere;
        }

        // Not submitted yet (a typed URL): the respondent belongs at their next step.
        return Draft is { Submitted: false } ? Redirect($"{WelcomeUrl}/review")
            : HasSubmitted ? Page()
            : Redirect(WelcomeUrl);
    }
}
