using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>
/// The survey's texts in another language — title, work process, introduction, role names — so a
/// respondent who answers in Danish reads "Når der opstår problemer i udskrivelse af en patient",
/// not the English work process inside a Danish sentence.
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class TranslationsModel(CurrentOrganisation org, TranslateSurvey translate, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    [BindProperty]
    public TranslationInput Input { get; set; } = new();

    /// <summary>The language edited: any of the instrument's but the one the page is read in by default.</summary>
    public RespondentTexts Language { get; private set; } = RespondentTexts.Danish;

    public bool Saved { get; private set; }

    public IActionResult OnGet(string? lang, bool saved)
    {
        if (Pick(lang) is not { } language)
        {
            return NotFound();
        }

        (Language, Saved) = (language, saved);
        Input = TranslationInput.From(Survey, language.Code);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? lang, uint version)
    {
        if (Pick(lang) is not { } language)
        {
            return NotFound();
        }

        Language = language;
        var validation = await new TranslationInput.Validator(Survey).ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var saved = await translate.RunAsync(org.Id, id, version, Input.ToTranslation(language.Code), language.Code);
        if (!saved.IsDone)
        {
            if (saved.Kind == Features.OutcomeKind.NotFound)
            {
                return NotFound();
            }

            ModelState.AddModelError("", texts.Translate(saved.Message!));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectToPage("/Orgs/Surveys/Translations", new { orgId = org.Id, id, lang = language.Code, saved = true });
    }

    private static RespondentTexts? Pick(string? code) => RespondentTexts.All.FirstOrDefault(t => t.Code == (code ?? RespondentTexts.Danish.Code));

    /// <summary>The form: the survey's texts in one language, a role name per role (blank keeps the role's own).</summary>
    public sealed class TranslationInput
    {
        public string? Title { get; set; }

        public string? WorkProcess { get; set; }

        public string? Introduction { get; set; }

        public List<RoleName> Roles { get; set; } = [];

        public sealed class RoleName
        {
            public Guid RoleId { get; set; }

            public string? Name { get; set; }

            public string? Description { get; set; }
        }

        public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(WorkProcess) && string.IsNullOrWhiteSpace(Introduction)
            && Roles.TrueForAll(r => string.IsNullOrWhiteSpace(r.Name) && string.IsNullOrWhiteSpace(r.Description));

        public static TranslationInput From(Survey survey, string language)
        {
            var text = survey.Translations.FirstOrDefault(t => t.Language == language);
            return new TranslationInput
            {
                Title = text?.Title,
                WorkProcess = text?.WorkProcess,
                Introduction = text?.Introduction,
                Roles = [.. survey.Roles.OrderBy(r => r.Position).Select(r => text?.Roles.FirstOrDefault(t => t.RoleId == r.Id) is { } t
                    ? new RoleName { RoleId = r.Id, Name = t.Name, Description = t.Description }
                    : new RoleName { RoleId = r.Id })],
            };
        }

        /// <summary>The translation to store, or null to remove it (every field blank).</summary>
        public SurveyTranslation? ToTranslation(string language) => IsBlank ? null : new SurveyTranslation
        {
            Language = language,
            Title = Title!.Trim(),
            WorkProcess = WorkProcess!.Trim(),
            Introduction = string.IsNullOrWhiteSpace(Introduction) ? null : Introduction.Trim(),
            Roles = [.. Roles.Where(r => !string.IsNullOrWhiteSpace(r.Name))
                .Select(r => new RoleTranslation { RoleId = r.RoleId, Name = r.Name!.Trim(), Description = string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim() })],
        };

        public sealed class Validator : AbstractValidator<TranslationInput>
        {
            public Validator(Survey survey)
            {
                // All blank removes the translation; otherwise title and work process are needed, as in the survey's own language.
                When(i => !i.IsBlank, () =>
                {
                    RuleFor(i => i.Title).NotEmpty().WithMessage("Give the title in this language (or leave every field blank to remove the translation).")
                        .MaximumLength(SurveyConfiguration.TitleMaxLength).WithMessage($"The title can have at most {SurveyConfiguration.TitleMaxLength} characters.");
                    RuleFor(i => i.WorkProcess).NotEmpty().WithMessage("Give the work process in this language: it fills the questions.")
                        .MaximumLength(SurveyConfiguration.WorkProcessMaxLength).WithMessage($"The work process can have at most {SurveyConfiguration.WorkProcessMaxLength} characters.");
                });
                RuleFor(i => i.Introduction).MaximumLength(SurveyConfiguration.IntroductionMaxLength)
                    .WithMessage($"The introduction can have at most {SurveyConfiguration.IntroductionMaxLength} characters.");
                RuleForEach(i => i.Roles).ChildRules(role =>
                {
                    role.RuleFor(r => r.RoleId).Must(id => survey.Roles.Any(r => r.Id == id)).WithMessage("No such role in this survey.");
                    role.RuleFor(r => r.Name).MaximumLength(SurveyRoleConfiguration.NameMaxLength)
                        .WithMessage($"A role name can have at most {SurveyRoleConfiguration.NameMaxLength} characters.");
                    role.RuleFor(r => r.Description).MaximumLength(SurveyRoleConfiguration.DescriptionMaxLength)
                        .WithMessage($"A description can have at most {SurveyRoleConfiguration.DescriptionMaxLength} characters.");
                });
                RuleFor(i => i.Roles).Must(roles => roles.Where(r => !string.IsNullOrWhiteSpace(r.Name))
                        .GroupBy(r => r.Name!.Trim(), StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1))
                    .WithMessage("Two roles have the same name in this language: respondents could not tell them apart.");
            }
        }
    }
}
