using FluentValidation;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Api;

/// <summary>
/// The rules of a new survey through the API: the Create page's own validator for the settings
/// (so both refuse the same things with the same words), the roles' rules, and what only JSON can
/// carry (an unknown wording, a control character). Names are the API's (<c>roles[1].name</c>).
/// </summary>
public sealed class CreateSurveyRequestValidator : AbstractValidator<CreateSurveyRequest>
{
    private static readonly Dictionary<string, string> SettingsFields = new(StringComparer.Ordinal)
    {
        [nameof(SurveySettings.MinGroupSize)] = "minimumGroupSize",
    };

    public CreateSurveyRequestValidator(IValidator<SurveySettings> settings, SurveyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(limits);
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var error in settings.Validate(ToSettings(request)).Errors)
            {
                context.AddFailure(SettingsFields.GetValueOrDefault(error.PropertyName, ApiValidation.CamelCase(error.PropertyName)), error.ErrorMessage);
            }

            foreach (var (field, text) in Texts(request))
            {
                if (text is not null && text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
                {
                    context.AddFailure(field, "Contains a control character.");
                }
            }
        });
        RuleFor(r => r.FrequencyVariant).Must(v => FrequencyVariants.Parse(v) is not null).WithMessage("Must be \"frequency\" or \"sufficiency\".");
        RuleFor(r => r.Roles).Must(roles => roles is { Count: > 0 } && roles.Count <= limits.MaxRoles)
            .WithMessage($"Give 1 to {limits.MaxRoles} roles: a survey can have at most {limits.MaxRoles} roles on this server.");
        RuleFor(r => r.Roles).Custom((roles, context) =>
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < (roles?.Count ?? 0); i++)
            {
                var role = roles![i];
                var name = role?.Name?.Trim() ?? "";
                if (name.Length is 0 or > SurveyRoleConfiguration.NameMaxLength)
                {
                    context.AddFailure($"roles[{i}].name", $"Give a name of 1 to {SurveyRoleConfiguration.NameMaxLength} characters.");
                }
                else if (!names.Add(name))
                {
                    context.AddFailure($"roles[{i}].name", $"'{name}' is listed twice.");
                }

                if (role is { Answers: false, Rated: false })
                {
                    context.AddFailure($"roles[{i}]", "A role must answer the survey, be rated, or both.");
                }

                if (role?.ExpectedHeadcount is < 0 or > 1_000_000)
                {
                    context.AddFailure($"roles[{i}].expectedHeadcount", "Must be between 0 and 1,000,000.");
                }

                if (role?.Kind is { } kind && RoleKinds.Parse(kind) is null)
                {
                    context.AddFailure($"roles[{i}].kind", "Must be \"staff\", \"client\" or \"leader\".");
                }

                if (role?.Description is { Length: > SurveyRoleConfiguration.DescriptionMaxLength })
                {
                    context.AddFailure($"roles[{i}].description", $"At most {SurveyRoleConfiguration.DescriptionMaxLength} characters.");
                }
            }
        });
    }

    /// <summary>The settings of the request, as the Create page's form would hold them.</summary>
    public static SurveySettings ToSettings(CreateSurveyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
        {
            Title = request.Title ?? "",
            WorkProcess = request.WorkProcess ?? "",
            Introduction = request.Introduction,
            MinGroupSize = request.MinimumGroupSize ?? Domain.Scoring.ScoringOptions.DefaultMinGroupSize,
            FrequencyVariant = FrequencyVariants.Parse(request.FrequencyVariant) ?? Domain.Instrument.FrequencyVariant.Frequency,
            OpensOn = request.OpensOn,
            ClosesOn = request.ClosesOn,
        };
    }

    /// <summary>The roles of the request, once it is valid.</summary>
    public static IReadOnlyList<NewRole> ToRoles(CreateSurveyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [.. (request.Roles ?? []).Select(r => new NewRole(r!.Name!, r.Description, r.Answers ?? true, r.Rated ?? true, r.ExpectedHeadcount, r.BoundarySpanner ?? false, RoleKinds.Parse(r.Kind) ?? RoleKind.Staff))];
    }

    private static IEnumerable<(string Field, string? Text)> Texts(CreateSurveyRequest request) =>
        new (string, string?)[] { ("title", request.Title), ("workProcess", request.WorkProcess), ("introduction", request.Introduction) }
            .Concat((request.Roles ?? []).SelectMany((r, i) => new[] { ($"roles[{i}].name", r?.Name), ($"roles[{i}].description", r?.Description) }));
}
