using System.Globalization;

using Microsoft.AspNetCore.Mvc;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Features.Responding;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>
/// One item of the survey, asked about every rated role. Each answer is saved on the server
/// before the next page shows, so nothing is lost between steps.
/// </summary>
public sealed class QuestionModel(PublishedSurveys surveys, DraftStore drafts) : RespondentPageModel(surveys, drafts)
{
    public const int Items = Dimensions.Count;

    public int Number { get; private set; }

    public SurveyItem Item { get; private set; } = null!;

    public DraftAnswers Answers { get; private set; } = null!;

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, int n)
    {
        if (await LoadAsync(key) is { } elsewhere)
        {
            return elsewhere;
        }

        return (IActionResult?)Show(n) ?? Page();
    }

    /// <summary>
    /// Saves this item's answers — fields <c>q{n}.{role id}</c> with a score 1–5 or <c>na</c>; a
    /// role without a field is unanswered — then goes where <paramref name="go"/> says.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(string key, int n, string? go)
    {
        // Saved without reading the draft first (one statement); the draft is read only to show
        // this page again or to find out why nothing was saved.
        if (await LoadForWriteAsync(key) is { } elsewhere)
        {
            return elsewhere;
        }

        if (n is < 1 or > Items)
        {
            return NotFound();
        }

        // A tap saved in the background (respond.js) carries only what it knows; a page sent with
        // Back or Next is the whole question, so a role without a field there is unanswered.
        var answers = Read(n, whole: go != "save");
        if (answers is null)
        {
            if (await LoadAsync(key) is { } gone)
            {
                return gone;
            }

            Show(n);
            Problem = Texts.InvalidAnswer;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var target = go switch
        {
            "back" => n - 1,
            "review" => Items + 1,
            "save" => n,
            _ => n + 1,
        };
        if (!await Drafts.SaveAsync(Survey, ResumeCode!, n - 1, answers, Math.Clamp(target, 1, Items + 1)))
        {
            // Closed meanwhile, submitted from another tab, or no longer there: the pages say which.
            return await ReloadAsync(key) ?? (go == "save" ? new ConflictResult() : Redirect($"{WelcomeUrl}/q/{n}"));
        }

        if (go == "save")
        {
            // A tap saved in the background (respond.js): nothing to show.
            return new NoContentResult();
        }

        return Redirect(target < 1 ? WelcomeUrl : target > Items ? $"{WelcomeUrl}/review" : $"{WelcomeUrl}/q/{target}");
    }

    private NotFoundResult? Show(int n)
    {
        if (n is < 1 or > Items)
        {
            return NotFound();
        }

        Number = n;
        Item = ItemsToRead[n - 1];
        Answers = DraftAnswers.Parse(Draft!.Answers);
        ViewData["Title"] = $"{Texts.Progress(n, Items)} · {Survey.Title}";
        return null;
    }

    /// <summary>The posted answers (for every rated role when <paramref name="whole"/>), or null when a field is not a valid answer.</summary>
    private Dictionary<Guid, int?>? Read(int n, bool whole)
    {
        var prefix = $"q{n}.";
        var rated = RatedRoles.ToDictionary(r => r.Id.ToString("N"), r => r.Id);
        var answers = whole ? rated.Values.ToDictionary(id => id, _ => (int?)null) : [];
        foreach (var (name, values) in Request.Form)
        {
            if (!name.StartsWith('q'))
            {
                continue;
            }

            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !rated.TryGetValue(name[prefix.Length..], out var role) || values.Count != 1)
            {
                return null;
            }

            var value = values[0];
            if (value == "na")
            {
                answers[role] = DraftAnswers.NotApplicable;
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5)
            {
                answers[role] = score;
            }
            else
            {
                return null;
            }
        }

        return answers;
    }
}
