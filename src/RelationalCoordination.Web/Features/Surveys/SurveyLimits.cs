using System.Globalization;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>
/// How many roles a survey of this app may have: <c>Surveys:MaxRoles</c> (environment
/// <c>Surveys__MaxRoles</c>), 100 unless set. Every results page draws a role-by-role table, so
/// its weight grows with the square of the roles; at 500 roles a page was 46 MB and took seconds.
/// The engine's own ceiling (<see cref="ResponseSetBuilder.MaxRoles"/>, for a researcher's data
/// in <c>rc</c>) bounds the setting.
/// </summary>
public sealed class SurveyLimits
{
    public const int DefaultMaxRoles = 100;

    public const string Setting = "Surveys:MaxRoles";

    public SurveyLimits(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            MaxRoles = DefaultMaxRoles;
        }
        else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is >= 1 and <= ResponseSetBuilder.MaxRoles)
        {
            MaxRoles = max;
        }
        else
        {
            throw new StartupProblem($"Surveys__MaxRoles is \"{value}\": it must be a whole number from 1 to {ResponseSetBuilder.MaxRoles} (default {DefaultMaxRoles}).");
        }
    }

    public int MaxRoles { get; }

    /// <summary>Why a survey with <paramref name="roles"/> roles is too large, or null.</summary>
    public string? TooMany(int roles) =>
        roles > MaxRoles ? $"A survey can have at most {MaxRoles} roles (this one has {roles}); remove {roles - MaxRoles} to go on." : null;
}
