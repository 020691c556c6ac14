using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>Opening and closing a survey, for the survey page and the API alike.</summary>
public static class SurveyLifecycle
{
    /// <summary>
    /// Opens a draft (giving it its public key); or says why it cannot be opened, changing nothing.
    /// A draft copied from a larger survey, or kept from before the limit was lowered, opens only
    /// once its roles are within the limit.
    /// </summary>
    public static string? Open(Survey survey, DateTimeOffset now, SurveyLimits limits)
    {
        var problem = WhyNotOpen(survey, now, limits);
        if (problem is null)
        {
            survey.Status = SurveyStatus.Open;
            survey.PublicKey ??= Responding.RespondentCodes.NewSurveyKey();
            survey.OpensAt ??= now;
            survey.UpdatedAt = now;
        }

        return problem;
    }

    /// <summary>
    /// Why a survey cannot be opened now, or null when it can: what <see cref="Open"/> checks, for
    /// the confirmation page to say before the facilitator tries.
    /// </summary>
    public static string? WhyNotOpen(Survey survey, DateTimeOffset now, SurveyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(limits);
        return survey.Status != SurveyStatus.Draft ? "Only a draft survey can be opened."
            : limits.TooMany(survey.Roles.Count) is { } tooMany ? tooMany
            : !survey.Roles.Any(r => r.Answers) ? "Add at least one role that answers the survey before opening it."
            : !survey.Roles.Any(r => r.IsRated) ? "Add at least one role that is rated before opening it."
            : survey.ClosesAt is { } closes && closes <= now ? "Its closing date has passed: change it under Edit settings before opening."
            : null;
    }

    /// <summary>
    /// Closes an open survey now (or keeps an earlier closing time); or says why it cannot be
    /// closed. The caller then stores submitted answers and drops unfinished ones
    /// (<see cref="Responding.ResponseBatches.FinishAsync"/>).
    /// </summary>
    public static string? Close(Survey survey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (survey.Status != SurveyStatus.Open)
        {
            return "Only an open survey can be closed.";
        }

        survey.Status = SurveyStatus.Closed;
        if (survey.ClosesAt is null || survey.ClosesAt > now)
        {
            survey.ClosesAt = now;
        }

        survey.UpdatedAt = now;
        return null;
    }
}
