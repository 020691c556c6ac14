using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Api;

/// <summary><c>/api/v1/surveys</c>: list, read, create, open, close and delete the organisation's surveys.</summary>
public static class SurveysApi
{
    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var surveys = api.MapGroup("/surveys").WithTags("Surveys");
        surveys.MapGet("", ListAsync).WithName("ListSurveys").WithSummary("The organisation's surveys");
        surveys.MapGet("/{id:guid}", GetAsync).WithName("GetSurvey").WithSummary("A survey with its roles");
        surveys.MapPost("", CreateAsync).WithName("CreateSurvey").WithSummary("Create a draft survey with its roles")
            .AddEndpointFilter<ApiValidation<CreateSurveyRequest>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        surveys.MapPost("/{id:guid}/open", OpenAsync).WithName("OpenSurvey").WithSummary("Open a draft survey for answers");
        surveys.MapPost("/{id:guid}/close", CloseAsync).WithName("CloseSurvey").WithSummary("Close an open survey: its results are computed now, once");
        surveys.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSurvey").WithSummary("Delete a survey with all its responses, for good");
        return api;
    }

    private static async Task<Ok<List<SurveySummary>>> ListAsync(ClaimsPrincipal user, AppDbContext db)
    {
        var org = ApiOutcomes.Organisation(user);
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.OrganisationId == org).OrderBy(s => s.CreatedAt)
            .Select(s => new { Survey = s, Responses = db.Responses.Count(r => r.SurveyId == s.Id) })
            .ToListAsync();
        return TypedResults.Ok(surveys.Select(x => new SurveySummary(x.Survey.Id, x.Survey.Title, x.Survey.WorkProcess, SurveyDetail.StatusName(x.Survey.Status),
            x.Survey.MinGroupSize, x.Survey.PreviousWaveId, x.Survey.OpensAt, x.Survey.ClosesAt, x.Responses, SurveyDetail.LinkOf(x.Survey))).ToList());
    }

    private static async Task<Results<Ok<SurveyDetail>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, AppDbContext db)
    {
        if (await db.FindAsync(ApiOutcomes.Organisation(user), id) is not { } survey)
        {
            return ApiOutcomes.Problem(Features.OutcomeKind.NotFound, Features.Refusal.NoSuchSurvey);
        }

        return TypedResults.Ok(SurveyDetail.From(survey, await db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    private static async Task<Results<CreatedAtRoute<SurveyCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSurveyRequest body, ClaimsPrincipal user, CreateSurvey create)
    {
        // The filter has validated the body.
        var outcome = await create.RunAsync(ApiOutcomes.Organisation(user), CreateSurveyRequestValidator.ToSettings(body),
            CreateSurveyRequestValidator.ToRoles(body), previousWaveId: body.PreviousWaveId);
        if (outcome.Value is not { } survey)
        {
            return ApiOutcomes.Refused(outcome).Result switch
            {
                ValidationProblem invalid => invalid,
                var other => (ProblemHttpResult)other,
            };
        }

        return TypedResults.CreatedAtRoute(new SurveyCreated(survey.Id), "GetSurvey", new { id = survey.Id });
    }

    private static async Task<Results<Ok<StatusChanged>, ProblemHttpResult>> OpenAsync(Guid id, ClaimsPrincipal user, OpenSurvey open)
    {
        var outcome = await open.RunAsync(ApiOutcomes.Organisation(user), id);
        return outcome.Value is { } survey ? TypedResults.Ok(new StatusChanged("open", SurveyDetail.LinkOf(survey))) : ApiOutcomes.Problem(outcome);
    }

    private static async Task<Results<Ok<StatusChanged>, ProblemHttpResult>> CloseAsync(Guid id, ClaimsPrincipal user, CloseSurvey close)
    {
        var outcome = await close.RunAsync(ApiOutcomes.Organisation(user), id);
        return outcome.Value is { } survey ? TypedResults.Ok(new StatusChanged("closed", SurveyDetail.LinkOf(survey))) : ApiOutcomes.Problem(outcome);
    }

    private static async Task<Results<Ok<SurveyDeleted>, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, DeleteSurvey delete)
    {
        var outcome = await delete.RunAsync(ApiOutcomes.Organisation(user), id);
        return outcome.IsDone ? TypedResults.Ok(new SurveyDeleted(outcome.Value)) : ApiOutcomes.Problem(outcome);
    }
}
