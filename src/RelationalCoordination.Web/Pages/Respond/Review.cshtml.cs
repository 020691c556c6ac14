using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>What is still unanswered, then the one submit.</summary>
[EnableRateLimiting(RateLimits.Submissions)]
public sealed class ReviewModel(PublishedSurveys surveys, DraftStore drafts) : RespondentPageModel(surveys, drafts)
{
    public IReadOnlyList<(int Number, string Wording, IReadOnlyList<SurveyRole> Unanswered)> Items { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key)
    {
        if (await LoadAsync(key) is { } elsewhere)
        {
            return elsewhere;
        }

        Show();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key)
    {
        // Most submits are one statement on the draft of the browser's resume code; one that
        // changes nothing reads survey and draft again to find out why (or submits under a lock).
        if (await LoadForWriteAsync(key) is { } elsewhere)
        {
            return elsewhere;
        }

        if (await Drafts.TrySubmitAsync(Survey, ResumeCode!))
        {
            RespondentCookie.RememberSubmitted(HttpContext, Survey);
            return Redirect($"{WelcomeUrl}/thanks");
        }

        if (await ReloadAsync(key, needsDraft: false) is { } closed)
        {
            return closed;
        }

        if (Draft is null)
        {
            return Redirect(HasSubmitted ? $"{WelcomeUrl}/thanks" : WelcomeUrl);
        }

        switch (await Drafts.SubmitAsync(Survey, Draft))
        {
            case SubmitOutcome.Stored or SubmitOutcome.AlreadySubmitted:
                RespondentCookie.RememberSubmitted(HttpContext, Survey);
                return Redirect($"{WelcomeUrl}/thanks");
            case SubmitOutcome.NothingAnswered:
                Problem = Texts.NothingAnswered;
                break;
            default:
                return Redirect(WelcomeUrl);
        }

        Show();
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private void Show()
    {
        ViewData["Title"] = $"{Texts.ReviewTitle} · {Survey.Title}";
        var answers = DraftAnswers.Parse(Draft!.Answers);
        var rated = RatedRoles.ToList();
        Items = [.. ItemsToRead
            .Select((item, i) => (i + 1, item.WordingFor(Survey.WorkProcess), (IReadOnlyList<SurveyRole>)[.. answers.Unanswered(i, rated)]))];
    }
}
