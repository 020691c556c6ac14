using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Sessions;

/// <summary>A new feedback session of a survey whose results are published: a name and the day it is held.</summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class NewModel(CurrentOrganisation org, FeedbackSessions sessions, SurveyResults results, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    [BindProperty]
    public SessionInput Input { get; set; } = new();

    /// <summary>False while the survey has no published results: the page then says so instead of offering the form.</summary>
    public bool HasResults { get; private set; }

    public async Task OnGetAsync() => HasResults = await results.ForAsync(Survey) is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        HasResults = true;
        var validation = await new SessionInput.Validator().ValidateAsync(Input);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var created = await sessions.CreateAsync(org.Id, Survey.Id, Input.Name!, Input.HeldOn);
        if (created.Value is not { } session)
        {
            if (created.Kind == OutcomeKind.NotFound)
            {
                return NotFound();
            }

            // The page says it in its notice when the results are missing; any other refusal goes above the form.
            HasResults = created.Message != FeedbackSessions.NeedsResults;
            if (HasResults)
            {
                ModelState.AddModelError("", texts.Translate(created.Message!));
            }
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectToPage("/Orgs/Surveys/Sessions/Step", new { orgId = org.Id, id = Survey.Id, sessionId = session.Id, n = 1 });
    }

    /// <summary>The form: what the room will call the session, and when it meets.</summary>
    public sealed class SessionInput
    {
        public string? Name { get; set; }

        public DateOnly? HeldOn { get; set; }

        public sealed class Validator : AbstractValidator<SessionInput>
        {
            public Validator()
            {
                RuleFor(i => i.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the session a name, such as “Ward meeting, March”.")
                    .MaximumLength(ChangeLimits.NameMaxLength).WithMessage($"The name can have at most {ChangeLimits.NameMaxLength} characters.");
                RuleFor(i => i.HeldOn).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31))
                    .When(i => i.HeldOn is not null).WithMessage("The date of the session must lie between 2000 and 2100.");
            }
        }
    }
}
