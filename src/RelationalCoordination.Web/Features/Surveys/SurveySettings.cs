using FluentValidation;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>The survey form shared by Create and Edit. Dates are whole UTC days.</summary>
public sealed class SurveySettings
{
    public string Title { get; set; } = "";

    public string WorkProcess { get; set; } = "";

    public string? Introduction { get; set; }

    public FrequencyVariant FrequencyVariant { get; set; }

    public int MinGroupSize { get; set; } = ScoringOptions.DefaultMinGroupSize;

    public DateOnly? OpensOn { get; set; }

    public DateOnly? ClosesOn { get; set; }

    public static SurveySettings From(Survey survey) => new()
    {
        Title = survey.Title,
        WorkProcess = survey.WorkProcess,
        Introduction = survey.Introduction,
        FrequencyVariant = survey.FrequencyVariant,
        MinGroupSize = survey.MinGroupSize,
        OpensOn = survey.OpensAt is { } opens ? DateOnly.FromDateTime(opens.UtcDateTime) : null,
        ClosesOn = Infrastructure.Format.LastDay(survey.ClosesAt),
    };

    /// <summary>
    /// Copies the texts; the dates unless the survey is closed (a later closing date would reopen
    /// it, and its published results could then be differenced against new ones); the instrument
    /// unless the survey is locked.
    /// </summary>
    public void ApplyTo(Survey survey, DateTimeOffset now)
    {
        survey.Title = Title.Trim();
        survey.WorkProcess = WorkProcess.Trim();
        survey.Introduction = string.IsNullOrWhiteSpace(Introduction) ? null : Introduction.Trim();
        if (!survey.IsClosedAt(now))
        {
            survey.OpensAt = OpensOn is { } opens ? new DateTimeOffset(opens.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
            survey.ClosesAt = ClosesOn is { } closes ? new DateTimeOffset(closes.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        }

        if (!survey.IsLocked)
        {
            survey.FrequencyVariant = FrequencyVariant;
            survey.MinGroupSize = MinGroupSize;
        }
    }

    public sealed class Validator : AbstractValidator<SurveySettings>
    {
        public Validator()
        {
            RuleFor(s => s.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Give the survey a title.")
                .MaximumLength(SurveyConfiguration.TitleMaxLength).WithMessage($"The title can have at most {SurveyConfiguration.TitleMaxLength} characters.");
            RuleFor(s => s.WorkProcess).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Name the work process, e.g. \"discharging a patient\".")
                .MaximumLength(SurveyConfiguration.WorkProcessMaxLength).WithMessage($"The work process can have at most {SurveyConfiguration.WorkProcessMaxLength} characters.");
            RuleFor(s => s.Introduction).MaximumLength(SurveyConfiguration.IntroductionMaxLength)
                .WithMessage($"The introduction can have at most {SurveyConfiguration.IntroductionMaxLength} characters.");
            RuleFor(s => s.FrequencyVariant).IsInEnum().WithMessage("Choose one of the two wordings.");
            RuleFor(s => s.MinGroupSize).InclusiveBetween(ScoringOptions.LowestMinGroupSize, 100)
                .WithMessage($"The minimum group size must be between {ScoringOptions.LowestMinGroupSize} and 100: below {ScoringOptions.LowestMinGroupSize}, answers could be traced to people.");
            RuleFor(s => s.ClosesOn).GreaterThanOrEqualTo(s => s.OpensOn).When(s => s.OpensOn is not null && s.ClosesOn is not null)
                .WithMessage("The survey cannot close before it opens.");
        }
    }
}
