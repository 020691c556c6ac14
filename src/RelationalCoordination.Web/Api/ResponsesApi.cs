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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapResponsesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var responses = api.MapGroup("/surveys/{id:guid}/responses").WithTags("Responses");
        responses.MapPost("/import", ImportAsync).WithName("ImportResponses")
            .WithSummary("Import responses: a text/csv body in the responses format, all or nothing")
            .Accepts<string>("text/csv").WithMetadata(new RequestSizeLimitAttribute(ResponseImport.MaxBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        responses.MapPost("", SubmitAsync).WithName("SubmitResponse")
            .WithSummary("Store one complete response (kiosks, integrations); repeat safely with an Idempotency-Key header")
            .Accepts<SubmitResponseRequest>("application/json").RequireRateLimiting(RateLimits.Submissions).WithMetadata(new ApiTokenCheckedByWrite())
            .Produces<ResponseStored>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        responses.MapGet("/export", ExportAsync).WithName("ExportResponses")
            .WithSummary("The raw responses of a closed survey as CSV in the responses format, without roles below k (owners' tokens only)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        return api;
    }

    private static async Task<Results<Ok<ImportSucceeded>, ProblemHttpResult>> ImportAsync(Guid id, HttpRequest request, ClaimsPrincipal user, ImportResponses import)
    {
        var organisation = ApiOutcomes.Organisation(user);
        // Refused before the body is read: a closed survey, another organisation's.
        if (await import.CheckAsync(organisation, id) is not var (_, refusal))
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
        var outcome = await import.RunAsync(organisation, id, buffer.ToArray());
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

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(Guid id, HttpContext http, ExportResponses export)
    {
        var outcome = await export.RunAsync(ApiOutcomes.Organisation(http.User), id, ApiOutcomes.CreatorRole(http.User));
        if (outcome.Value is not var (file, leftOut))
        {
            return ApiOutcomes.Problem(outcome);
        }

        http.Response.Headers["X-Respondents-Left-Out"] = leftOut.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<IResult> SubmitAsync(Guid id, HttpRequest request, ClaimsPrincipal user, AppDbContext db, PublishedSurveys surveys, ResponseBatches batches, ApiTokenCache tokens, KeyedHash keyed)
    {
        // The survey as kept in memory for a few seconds (decision 9): the write checks in SQL that it is open.
        if (await surveys.FindSurveyForSubmitAsync(ApiOutcomes.Organisation(user), id) is not { } survey)
        {
            return ApiOutcomes.Problem(OutcomeKind.NotFound, Refusal.NoSuchSurvey);
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200)
        {
            return ApiValidation.Problem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["At most 200 characters."] });
        }

        var tokenId = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        // Keyed hashes: a body has so few possible answers (6^7 for one rated role) that a plain hash
        // in a copy of the database would give them away.
        var keyHash = keyed.Hash($"{survey.Id:N}:{key}");
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer);
            bytes = buffer.ToArray();
        }

        var requestHash = keyed.Hash(bytes);
        // A retry of a request already stored answers as the first did, even if the survey has
        // closed since or the retry is malformed (a different body under the same key): the stored
        // key is looked up only then, so that a first request costs no extra query.
        async Task<IResult?> EarlierAsync() =>
            key.Length > 0 && await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.TokenId == tokenId && r.KeyHash == keyHash) is { } earlier
                ? Replay(earlier, requestHash)
                : null;

        if (surveys.AvailabilityOf(survey) != Availability.Open)
        {
            return await EarlierAsync()
                ?? TypedResults.Problem("The survey does not take answers now: it is not open, or it has closed.", statusCode: StatusCodes.Status409Conflict);
        }

        var (role, draft, errors) = Validate(survey, bytes);
        if (errors is not null)
        {
            return await EarlierAsync() ?? ApiValidation.Problem(errors);
        }

        // Stored as a submitted draft, to become a response in a batch of at least k like every
        // other: one response stored alone would let a viewer read it off the change in a tie.
        var stored = await batches.StoreCompleteAsync(survey, role!.Id, draft!.ToJson(), tokenId, key.Length == 0 ? null : new(keyHash, requestHash, Stored));
        if (!stored)
        {
            // The token was kept in memory (decision 10) and has been revoked since, on any instance,
            // or its creator has left the organisation or become a viewer.
            var tokenHash = Secrets.Hash(ApiTokenAuthentication.BearerToken(request)!);
            if (await ApiTokenAuthentication.FindAsync(db, tokenHash) is null)
            {
                tokens.Forget(tokenHash);
                return TypedResults.Challenge(authenticationSchemes: [ApiTokenAuthentication.SchemeName]);
            }

            // The key was stored by an earlier request, or the survey closed since it was kept.
            return await EarlierAsync()
                ?? TypedResults.Problem("The survey does not take answers now: it is not open, or it has closed.", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Content(Stored, "application/json", Encoding.UTF8, StatusCodes.Status201Created);
    }

    private const string Stored = """{"stored":true}""";

    /// <summary>The role and answers of a response's JSON body, or what is wrong with it, field by field.</summary>
    private static (SurveyRole? Role, DraftAnswers? Draft, Dictionary<string, string[]>? Errors) Validate(Survey survey, byte[] bytes)
    {
        SubmitResponseRequest? body;
        try
        {
            body = JsonSerializer.Deserialize<SubmitResponseRequest>(bytes, Json);
        }
        catch (JsonException e)
        {
            return (null, null, new() { ["body"] = [$"Not valid JSON: {e.Message}"] });
        }

        var roles = survey.Roles.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        void Problem(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];
        if (body?.Role is not { } roleName || !roles.TryGetValue(roleName, out var role) || !role.Answers)
        {
            Problem("role", $"'{body?.Role}' is not a role that answers this survey.");
            role = null;
        }

        var list = body?.Answers ?? [];
        if (list.Count > roles.Count)
        {
            return (null, null, new() { ["answers"] = [$"At most one answer per rated role ({roles.Count})."] });
        }

        var draft = DraftAnswers.Parse("{}");
        var answered = new HashSet<Guid>();
        var anyScore = false;
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a?.TargetRole is not { } target || !roles.TryGetValue(target, out var rated) || !rated.IsRated)
            {
                Problem($"answers[{i}].targetRole", $"'{a?.TargetRole}' is not a rated role of this survey.");
                continue;
            }

            if (!answered.Add(rated.Id))
            {
                Problem($"answers[{i}].targetRole", $"'{target}' is answered twice.");
                continue;
            }

            int?[] scores = [a.Frequent, a.Timely, a.Accurate, a.ProblemSolving, a.SharedGoals, a.SharedKnowledge, a.MutualRespect];
            string[] fields = ["frequent", "timely", "accurate", "problemSolving", "sharedGoals", "sharedKnowledge", "mutualRespect"];
            for (var d = 0; d < scores.Length; d++)
            {
                if (scores[d] is < 1 or > 5)
                {
                    Problem($"answers[{i}].{fields[d]}", "A score is 1 to 5, or null for \"not applicable\".");
                }

                anyScore |= scores[d] is not null;
                // Answers with every score "not applicable" say nothing: the batch leaves them out.
                draft.Set(rated.Id, d, scores[d] ?? DraftAnswers.NotApplicable);
            }
        }

        if (errors.Count == 0 && !anyScore)
        {
            Problem("answers", "Give at least one score.");
        }

        return errors.Count > 0 ? (null, null, errors) : (role, draft, null);
    }

    /// <summary>The first answer to a repeated request; the same key with another body is a client's mistake, not a retry.</summary>
    private static IResult Replay(IdempotentRequest first, string requestHash) =>
        first.RequestHash == requestHash
            ? TypedResults.Content(first.Body, "application/json", Encoding.UTF8, first.Status)
            : TypedResults.Problem("This Idempotency-Key was already used for a different request: use a new key for a new response.", statusCode: StatusCodes.Status422UnprocessableEntity);

}
