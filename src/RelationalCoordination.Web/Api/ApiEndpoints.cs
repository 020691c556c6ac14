using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Orgs.Surveys;
using RelationalCoordination.Web.Pages.Orgs.Surveys.Results;
using RelationalCoordination.Web.Pages.Respond;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Api;

/// <summary>
/// The REST API, <c>/api/v1</c>: JSON in and out (results also as CSV), bearer tokens of one
/// organisation, problem details for every refusal. Results are anonymous, as on the pages.
/// </summary>
public static class ApiEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddRcApi(this IServiceCollection services)
    {
        services.AddSingleton<ApiTokenCache>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Relational Coordination API";
            document.Info.Description = "Surveys, responses and anonymous results. Authenticate with `Authorization: Bearer <token>` (tokens: the organisation's API tokens page).";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication MapRcApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthentication.SchemeName })
            .DisableAntiforgery()
            .WithTags("Surveys");
        api.MapGet("/surveys", ListAsync).WithSummary("The organisation's surveys");
        api.MapPost("/surveys", CreateAsync).WithSummary("Create a survey with its roles").Accepts<CreateSurvey>("application/json");
        api.MapPost("/surveys/{id:guid}/open", OpenAsync).WithSummary("Open a draft survey");
        api.MapPost("/surveys/{id:guid}/close", CloseAsync).WithSummary("Close an open survey");
        api.MapPost("/surveys/{id:guid}/responses/import", ImportAsync).WithSummary("Import responses: a text/csv body in the responses format, all or nothing")
            .Accepts<string>("text/csv").WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ResponseImport.MaxBytes));
        api.MapPost("/surveys/{id:guid}/responses", SubmitAsync).WithSummary("Store one complete response (kiosks, integrations); repeat safely with an Idempotency-Key header")
            .Accepts<SubmitResponse>("application/json").RequireRateLimiting(RateLimits.Submissions).WithMetadata(new ApiTokenCheckedByWrite());
        api.MapGet("/surveys/{id:guid}/results/ties", (Guid id, HttpContext http, AppDbContext db, SurveyResults results) =>
            ResultAsync(id, http, db, results, r => r.Ties, (w, r) => ResultsCsv.WriteTies(w, r.Ties, CsvTextFields.NeutraliseFormulas), "ties.csv")).WithSummary("Ties (anonymous): JSON, or CSV for Accept: text/csv");
        api.MapGet("/surveys/{id:guid}/results/roles", (Guid id, HttpContext http, AppDbContext db, SurveyResults results) =>
            ResultAsync(id, http, db, results, r => r.Roles, (w, r) => ResultsCsv.WriteRoles(w, r.Roles, CsvTextFields.NeutraliseFormulas), "roles.csv")).WithSummary("Roles (anonymous): JSON, or CSV for Accept: text/csv");
        api.MapGet("/surveys/{id:guid}/results/summary", (Guid id, HttpContext http, AppDbContext db, SurveyResults results) =>
            ResultAsync(id, http, db, results, r => r.Summary, (w, r) => ResultsCsv.WriteSummary(w, r.Summary, CsvTextFields.NeutraliseFormulas), "summary.csv")).WithSummary("Summary (anonymous): JSON, or CSV for Accept: text/csv");
        api.MapGet("/surveys/{id:guid}/compare/{earlierId:guid}", CompareAsync).WithSummary("Changes from an earlier wave: JSON, or CSV for Accept: text/csv");
        return app;
    }

    /// <summary>The body of <c>POST /api/v1/surveys</c>.</summary>
    public sealed record CreateSurvey(string? Title, string? WorkProcess, int? MinimumGroupSize, string? FrequencyVariant, List<CreateRole?>? Roles, Guid? PreviousWaveId);

    /// <summary>The body of <c>POST /api/v1/surveys/{id}/responses</c>: a respondent's role and their answers about rated roles.</summary>
    public sealed record SubmitResponse(string? Role, List<SubmitAnswer?>? Answers);

    /// <summary>Seven scores about one rated role: 1–5, or null for "not applicable".</summary>
    public sealed record SubmitAnswer(string? TargetRole, int? Frequent, int? Timely, int? Accurate, int? ProblemSolving, int? SharedGoals, int? SharedKnowledge, int? MutualRespect);

    /// <summary>One role of a new survey.</summary>
    public sealed record CreateRole(string? Name, bool? Answers, bool? Rated, int? ExpectedHeadcount, string? Description);

    private static Guid Organisation(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ApiTokenAuthentication.OrganisationClaim)!);

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, AppDbContext db)
    {
        var org = Organisation(user);
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.OrganisationId == org).OrderBy(s => s.CreatedAt)
            .Select(s => new
            {
                s.Id, s.Title, s.WorkProcess, Status = s.Status.ToString().ToLowerInvariant(), MinimumGroupSize = s.MinGroupSize,
                s.PreviousWaveId, s.OpensAt, s.ClosesAt, Responses = db.Responses.Count(r => r.SurveyId == s.Id),
                Link = s.PublicKey == null ? null : "/s/" + s.PublicKey,
            }).ToListAsync();
        return Results.Ok(surveys);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, AuditLog audit, SurveyLimits limits)
    {
        CreateSurvey? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CreateSurvey>(request.Body, Json);
        }
        catch (JsonException e)
        {
            return Invalid(new() { ["body"] = [$"Not valid JSON: {e.Message}"] });
        }

        var org = Organisation(user);
        var errors = new Dictionary<string, string[]>();
        void Problem(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];
        if (body is null)
        {
            return Invalid(new() { ["body"] = ["Send a JSON object."] });
        }

        var title = body.Title?.Trim() ?? "";
        var workProcess = body.WorkProcess?.Trim() ?? "";
        foreach (var (field, text) in new (string, string?)[] { ("title", title), ("workProcess", workProcess) }
                     .Concat((body.Roles ?? []).SelectMany((r, i) => new[] { ($"roles[{i}].name", r?.Name), ($"roles[{i}].description", r?.Description) })))
        {
            if (text is not null && text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            {
                Problem(field, "Contains a control character.");
            }
        }

        if (title.Length is 0 or > SurveyConfiguration.TitleMaxLength)
        {
            Problem("title", $"Give a title of 1 to {SurveyConfiguration.TitleMaxLength} characters.");
        }

        if (workProcess.Length is 0 or > SurveyConfiguration.WorkProcessMaxLength)
        {
            Problem("workProcess", $"Give the work process in 1 to {SurveyConfiguration.WorkProcessMaxLength} characters.");
        }

        var k = body.MinimumGroupSize ?? ScoringOptions.DefaultMinGroupSize;
        if (k is < ScoringOptions.LowestMinGroupSize or > 100)
        {
            Problem("minimumGroupSize", $"Must be between {ScoringOptions.LowestMinGroupSize} and 100.");
        }

        FrequencyVariant? variant = body.FrequencyVariant?.ToLowerInvariant() switch
        {
            null or "frequency" => FrequencyVariant.Frequency,
            "sufficiency" => FrequencyVariant.Sufficiency,
            _ => null,
        };
        if (variant is null)
        {
            Problem("frequencyVariant", "Must be \"frequency\" or \"sufficiency\".");
        }

        var roles = body.Roles ?? [];
        if (roles.Count == 0 || roles.Count > limits.MaxRoles)
        {
            Problem("roles", $"Give 1 to {limits.MaxRoles} roles: a survey can have at most {limits.MaxRoles} roles on this server.");
            return Invalid(errors);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < roles.Count; i++)
        {
            var role = roles[i];
            var name = role?.Name?.Trim() ?? "";
            if (name.Length is 0 or > SurveyRoleConfiguration.NameMaxLength)
            {
                Problem($"roles[{i}].name", $"Give a name of 1 to {SurveyRoleConfiguration.NameMaxLength} characters.");
            }
            else if (!names.Add(name))
            {
                Problem($"roles[{i}].name", $"'{name}' is listed twice.");
            }

            if (role is not null && role.Answers == false && role.Rated == false)
            {
                Problem($"roles[{i}]", "A role must answer the survey, be rated, or both.");
            }

            if (role?.ExpectedHeadcount is < 0 or > 1_000_000)
            {
                Problem($"roles[{i}].expectedHeadcount", "Must be between 0 and 1,000,000.");
            }

            if (role?.Description is { Length: > SurveyRoleConfiguration.DescriptionMaxLength })
            {
                Problem($"roles[{i}].description", $"At most {SurveyRoleConfiguration.DescriptionMaxLength} characters.");
            }
        }

        if (body.PreviousWaveId is { } previous && !await db.Surveys.AnyAsync(s => s.Id == previous && s.OrganisationId == org))
        {
            Problem("previousWaveId", "Not a survey of this organisation.");
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var survey = new Survey
        {
            Id = Guid.NewGuid(),
            OrganisationId = org,
            Title = title,
            WorkProcess = workProcess,
            MinGroupSize = k,
            FrequencyVariant = variant!.Value,
            PreviousWaveId = body.PreviousWaveId,
            Status = SurveyStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        survey.Roles = [.. roles.Select((r, i) => new SurveyRole
        {
            Id = Guid.NewGuid(),
            SurveyId = survey.Id,
            Name = r!.Name!.Trim(),
            Description = string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim(),
            Answers = r.Answers ?? true,
            IsRated = r.Rated ?? true,
            ExpectedHeadcount = r.ExpectedHeadcount,
            Position = i,
        })];
        db.Surveys.Add(survey);
        audit.Add(survey.OrganisationId, AuditActions.SurveyCreated, AuditLog.Survey(survey));
        await db.SaveChangesAsync();
        return Results.Created($"/api/v1/surveys/{survey.Id}", new { survey.Id });
    }

    private static async Task<IResult> OpenAsync(Guid id, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, AuditLog audit, SurveyLimits limits)
    {
        if (await db.FindAsync(Organisation(user), id, tracking: true) is not { } survey)
        {
            return NotFound();
        }

        if (SurveyLifecycle.Open(survey, clock.GetUtcNow(), limits) is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status409Conflict);
        }

        audit.Add(survey.OrganisationId, AuditActions.SurveyOpened, AuditLog.Survey(survey));
        if (!await SavedAsync(db))
        {
            return Changed();
        }

        return Results.Ok(new { status = "open", link = $"/s/{survey.PublicKey}" });
    }

    private static async Task<IResult> CloseAsync(Guid id, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, SurveyResults results, AuditLog audit)
    {
        if (await db.FindAsync(Organisation(user), id, tracking: true) is not { } survey)
        {
            return NotFound();
        }

        if (SurveyLifecycle.Close(survey, clock.GetUtcNow()) is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status409Conflict);
        }

        audit.Add(survey.OrganisationId, AuditActions.SurveyClosed, AuditLog.Survey(survey));
        if (!await SavedAsync(db))
        {
            return Changed();
        }

        // Every submitted answer is stored and the results computed now, once: they never change.
        await results.PublishAsync(survey);
        return Results.Ok(new { status = "closed" });
    }

    private static async Task<IResult> ImportAsync(Guid id, HttpRequest request, ClaimsPrincipal user, AppDbContext db, ResponseImport import, AuditLog audit, TimeProvider clock)
    {
        if (await db.FindAsync(Organisation(user), id) is not { } survey)
        {
            return NotFound();
        }

        if (ResponseImport.Refusal(survey, clock.GetUtcNow()) is { } refusal)
        {
            return Results.Problem(refusal, statusCode: StatusCodes.Status409Conflict);
        }

        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.Problem("Send the responses as a text/csv body.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var outcome = await import.ImportAsync(survey, buffer.ToArray());
        if (outcome.Refused is { } closed)
        {
            return Results.Problem(closed, statusCode: StatusCodes.Status409Conflict);
        }

        if (!outcome.Succeeded)
        {
            return Results.Problem(
                title: "The file was not imported: nothing was stored.",
                detail: $"{outcome.Errors.Count} problem(s){(outcome.Errors.Count == ResponseImport.MaxProblems ? " (the first " + ResponseImport.MaxProblems + ")" : "")}.",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors.Select(e => new { line = e.Line, field = e.Field, message = e.Reason }).ToList() });
        }

        await audit.RecordAsync(survey.OrganisationId, AuditActions.ResponsesImported, ResponseImport.AuditSubject(survey, outcome));
        return Results.Ok(new { imported = outcome.Observations, respondents = outcome.Respondents });
    }

    private static async Task<IResult> SubmitAsync(Guid id, HttpRequest request, ClaimsPrincipal user, AppDbContext db, PublishedSurveys surveys, ResponseBatches batches, ApiTokenCache tokens, KeyedHash keyed)
    {
        // The survey as kept in memory for a few seconds (decision 9): the write checks in SQL that it is open.
        if (await surveys.FindSurveyForSubmitAsync(Organisation(user), id) is not { } survey)
        {
            return NotFound();
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200)
        {
            return Invalid(new() { ["Idempotency-Key"] = ["At most 200 characters."] });
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
                ?? Results.Problem("The survey does not take answers now: it is not open, or it has closed.", statusCode: StatusCodes.Status409Conflict);
        }

        var (role, draft, errors) = Validate(survey, bytes);
        if (errors is not null)
        {
            return await EarlierAsync() ?? Invalid(errors);
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
                return Results.Challenge(authenticationSchemes: [ApiTokenAuthentication.SchemeName]);
            }

            // The key was stored by an earlier request, or the survey closed since it was kept.
            return await EarlierAsync()
                ?? Results.Problem("The survey does not take answers now: it is not open, or it has closed.", statusCode: StatusCodes.Status409Conflict);
        }

        return Results.Content(Stored, "application/json", Encoding.UTF8, StatusCodes.Status201Created);
    }

    private const string Stored = """{"stored":true}""";

    /// <summary>The role and answers of a response's JSON body, or what is wrong with it, field by field.</summary>
    private static (SurveyRole? Role, DraftAnswers? Draft, Dictionary<string, string[]>? Errors) Validate(Survey survey, byte[] bytes)
    {
        SubmitResponse? body;
        try
        {
            body = JsonSerializer.Deserialize<SubmitResponse>(bytes, Json);
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
            ? Results.Content(first.Body, "application/json", Encoding.UTF8, first.Status)
            : Results.Problem("This Idempotency-Key was already used for a different request: use a new key for a new response.", statusCode: StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> ResultAsync<T>(Guid id, HttpContext http, AppDbContext db, SurveyResults results,
        Func<ScoringResult, T> json, Action<TextWriter, ScoringResult> csv, string fileName)
    {
        if (await db.FindAsync(Organisation(http.User), id) is not { } survey)
        {
            return NotFound();
        }

        if (await results.ForAsync(survey) is not { } result)
        {
            return Results.Problem(SurveyResults.NotYet, statusCode: StatusCodes.Status409Conflict);
        }

        return WantsCsv(http) ? Csv(w => csv(w, result), fileName) : Results.Json(json(result), Json);
    }

    private static async Task<IResult> CompareAsync(Guid id, Guid earlierId, HttpContext http, AppDbContext db, SurveyResults results)
    {
        var org = Organisation(http.User);
        if (await db.FindAsync(org, id) is not { } later || await db.FindAsync(org, earlierId) is not { } earlier || id == earlierId)
        {
            return NotFound();
        }

        if (SurveyResults.RawAnswersGone(earlier, later) is { } gone)
        {
            return Results.Problem(gone, statusCode: StatusCodes.Status409Conflict);
        }

        if (await results.CompareAsync(earlier, later) is not { } changes)
        {
            return Results.Problem($"Both waves must be closed to be compared. {SurveyResults.NotYet}", statusCode: StatusCodes.Status409Conflict);
        }

        return WantsCsv(http) ? Csv(w => ResultsCsv.WriteCompare(w, changes, CsvTextFields.NeutraliseFormulas), "compare.csv") : Results.Json(changes, Json);
    }

    private static bool WantsCsv(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    private static IResult Csv(Action<TextWriter> write, string fileName)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        write(text);
        return Results.File(new UTF8Encoding(false).GetBytes(text.ToString()), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>Saves a status change; false when someone (or housekeeping, closing it by its date) changed the survey meanwhile.</summary>
    private static async Task<bool> SavedAsync(AppDbContext db)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static IResult Changed() =>
        Results.Problem("The survey changed at the same moment (another request, or its closing date passed). Read it again and retry.", statusCode: StatusCodes.Status409Conflict);

    private static IResult NotFound() => Results.Problem("No such survey in this organisation.", statusCode: StatusCodes.Status404NotFound);

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request has problems: nothing was stored.");
}
