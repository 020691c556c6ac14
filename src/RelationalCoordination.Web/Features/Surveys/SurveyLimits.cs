using Microsoft.Extensions.Options;

using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Infrastructure.Options;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>
/// How many roles a survey of this app may have: <c>Surveys:MaxRoles</c> (environment
/// <c>Surveys__MaxRoles</c>), 100 unless set. Every results page draws a role-by-role table, so
/// its weight grows with the square of the roles; at 500 roles a page was 46 MB and took seconds.
/// The engine's own ceiling (<see cref="ResponseSetBuilder.MaxRoles"/>, for a researcher's data
/// in <c>rc</c>) bounds the setting (<see cref="SurveysOptions"/>, checked at start).
/// </summary>
public sealed class SurveyLimits
{
    public const int DefaultMaxRoles = 100;

    public const string Setting = "Surveys:MaxRoles";

    public SurveyLimits(IOptions<SurveysOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MaxRoles = options.Value.MaxRoles;
    }

    /// <summary>
    /// The limit of a configuration read outside the app's host, checked as at start: a
    /// <see cref="StartupProblemException"/> naming the setting when it is not a whole number from 1 to
    /// <see cref="ResponseSetBuilder.MaxRoles"/>.
    /// </summary>
    public SurveyLimits(IConfiguration configuration)
        : this(Checked(configuration))
    {
    }

    public int MaxRoles { get; }

    /// <summary>Why a survey with <paramref name="roles"/> roles is too large, or null.</summary>
    public string? TooMany(int roles) =>
        roles > MaxRoles ? $"A survey can have at most {MaxRoles} roles (this one has {roles}); remove {roles - MaxRoles} to go on." : null;

    private static IOptions<SurveysOptions> Checked(IConfiguration configuration)
    {
        try
        {
            return Options.Create(Settings.Read<SurveysOptions>(configuration, SurveysOptions.Section));
        }
        catch (OptionsValidationException invalid)
        {
            throw new StartupProblemException(Settings.Describe(invalid));
        }
    }
}
