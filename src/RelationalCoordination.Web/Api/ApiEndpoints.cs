using System.Text.Json.Serialization;

using FluentValidation;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace RelationalCoordination.Web.Api;

/// <summary>
/// The REST API, <c>/api/v1</c>: JSON in and out (results also as CSV), bearer tokens of one
/// organisation, problem details for every refusal. Results are anonymous, as on the pages. The
/// endpoints only translate: each action runs in its service under <c>Features/</c>, as for the pages.
/// </summary>
public static class ApiEndpoints
{
    public static IServiceCollection AddRcApi(this IServiceCollection services)
    {
        services.AddSingleton<ApiTokenCache>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddScoped<IValidator<CreateSurveyRequest>, CreateSurveyRequestValidator>();
        services.AddRcProblemDetails();
        // A body the JSON reader cannot read is an exception for ApiExceptionHandler to answer as
        // a validation problem naming "body", not a silent 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // A field the API does not know is refused, naming it: ignored, a misspelt item
        // ("problem_solving" for problemSolving) would be stored as "not applicable" without a word.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Relational Coordination API";
            document.Info.Description = "Surveys, responses and anonymous results. Authenticate with `Authorization: Bearer <token>` (tokens: the organisation's API tokens page). Every error is problem details (RFC 9457).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token of the organisation (rc_…), made on its API tokens page.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication MapRcApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthentication.SchemeName })
            .DisableAntiforgery()
            // What every endpoint may answer besides its own statuses.
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapSurveysApi().MapResponsesApi().MapResultsApi();
        return app;
    }
}
