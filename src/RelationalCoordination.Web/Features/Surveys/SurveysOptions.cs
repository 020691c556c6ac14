using System.ComponentModel.DataAnnotations;

using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Web.Infrastructure.Options;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>The "Surveys" settings (docs/operations.md), checked when the app starts.</summary>
public sealed class SurveysOptions
{
    public const string Section = "Surveys";

    /// <summary>The most roles a survey may have (<see cref="SurveyLimits"/>); the engine's own ceiling bounds it.</summary>
    [Setting("a whole number from {0} to {1} (default {2})")]
    [Range(1, ResponseSetBuilder.MaxRoles)]
    public int MaxRoles { get; set; } = SurveyLimits.DefaultMaxRoles;
}
