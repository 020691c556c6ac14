using System.Security.Claims;
using System.Text;
using System.Text.Json;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Api;

/// <summary>
/// <c>/api/v1/surveys/{id}/responses</c>: import a file of responses, store one complete response
/// (kiosks, integrations), and — for owners — export the raw responses of a closed survey.
/// </summary>
public static class ResponsesApi
{
    public static RouteGroupBuilder MapResponsesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var responses = api.MapGroup("/surveys/{id:guid}/responses").WithTags("Responses");
        responses.MapPost("/import", ImportAsync).WithName("ImportResponses")
            .WithSummary("Import responses: a text/csv body in the responses format, all or nothing")
            .Accepts<string>("text/csv").WithMetadata(new RequestSizeLimitAttribute(ResponseImport.MaxBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        responses.MapPost("", SubmitAsync).WithName("SubmitResponse")
            .WithSummary("Store one complete response (kiosks, integrations); repeat safely with an Idempotency-Key header")
            .Accepts<SubmitResponseRequest>("application/json").RequireRateLimiting(RateLimits.Submissions).WithMetadata(new ApiTokenCheckedByWrite())
            .Produces<ResponseStored>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        responses.MapGet("/export", ExportAsync).WithName("ExportResponses")
            .WithSummary("The raw responses of a closed survey as CSV in the responses format, without roles below k (owners' tokens only)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Results<Ok<ImportSucceeded>, ProblemHttpResult>> ImportAsync(Guid id, HttpRequest request, ClaimsPrincipal user, ImportResponses import)
    {
        var organisation = ApiOutcomes.Organisation(user);
        // Refused before the body is read: a closed survey, another organisation's.
        if (await import.CheckAsync(organisation, id) is not var (survey, refusal))
        {
            return ApiOutcomes.Problem(OutcomeKind.NotFound, Refusal.NoSuchSurvey);
        }

        if (refusal is not null)
        {
            return ApiOutcomes.Problem(OutcomeKind.Conflict, refusal);
        }

        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem("Send the responses as a text/csv body.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var outcome = await import.RunAsync(survey, buffer.ToArray());
        if (outcome is { Kind: OutcomeKind.Invalid, Value: { } failed })
        {
            return TypedResults.Problem(
                title: ImportResponses.NothingStored,
                detail: $"{failed.Errors.Count} problem(s){(failed.Errors.Count == ResponseImport.MaxProblems ? " (the first " + ResponseImport.MaxProblems + ")" : "")}.",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["errors"] = failed.Errors.Select(e => new ImportProblem(e.Line, e.Field, e.Reason)).ToList() });
        }

        return outcome.Value is { } done ? TypedResults.Ok(new ImportSucceeded(done.Observations, done.Respondents)) : ApiOutcomes.Problem(outcome);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(Guid id, HttpContext http, ExportResponses export, bool bom = true)
    {
        var outcome = await export.RunAsync(ApiOutcomes.Organisation(http.User), id, ApiOutcomes.CreatorRole(http.User), bom);
        if (outcome.Value is not var (file, leftOut))
        {
            return ApiOutcomes.Problem(outcome);
        }

        http.Response.Headers["X-Respondents-Left-Out"] = leftOut.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult, ChallengeHttpResult>> SubmitAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, AppDbContext db, ApiTokenCache tokens, SubmitCompleteResponse submit)
    {
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            // Read as bytes, not bound: the service reads the request itself, for the idempotency record's
            // hash of its meaning (or of the bytes of a body that cannot be read).
            await request.Body.CopyToAsync(buffer);
            bytes = buffer.ToArray();
        }

        var outcome = await submit.RunAsync(ApiOutcomes.Organisation(user), id, Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            request.Headers["Idempotency-Key"].ToString(), bytes, async () =>
            {
                var tokenHash = Secrets.Hash(ApiTokenAuthentication.BearerToken(request)!);
                if (await ApiTokenAuthentication.FindAsync(db, tokenHash) is not null)
                {
                    return true;
                }

                tokens.Forget(tokenHash);
                return false;
            });
        if (outcome.Value is { } reply)
        {
            return TypedResults.Content(reply.Body, "application/json", Encoding.UTF8, reply.Status);
        }

        return outcome.Kind == OutcomeKind.Unauthorized
            ? TypedResults.Challenge(authenticationSchemes: [ApiTokenAuthentication.SchemeName])
            : ApiOutcomes.Refused(outcome).Result switch
            {
                ValidationProblem invalid => invalid,
                var other => (ProblemHttpResult)other,
            };
    }
}
