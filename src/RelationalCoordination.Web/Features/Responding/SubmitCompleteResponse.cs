using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>The body of a complete response (the API's POST): a respondent's role and their answers about rated roles.</summary>
public sealed record SubmitResponseRequest(string? Role, IReadOnlyList<SubmitAnswerRequest?>? Answers);

/// <summary>Seven scores about one rated role: 1–5, or null for "not applicable".</summary>
public sealed record SubmitAnswerRequest(string? TargetRole, int? Frequent, int? Timely, int? Accurate, int? ProblemSolving, int? SharedGoals, int? SharedKnowledge, int? MutualRespect);

/// <summary>What to answer a stored response: the status and JSON body (for a retry, those of the first request).</summary>
public sealed record SubmitReply(int Status, string Body);

/// <summary>
/// Stores one complete response sent at once (a kiosk, an integration), safely repeated under an
/// idempotency key; it joins a batch of at least k like every other response.
/// </summary>
public sealed class SubmitCompleteResponse(AppDbContext db, PublishedSurveys surveys, ResponseBatches batches, KeyedHash keyed)
{
    public const string Stored = """{"stored":true}""";

    public const string NotOpen = "The survey does not take answers now: it is not open, or it has closed.";

    // Unknown fields are refused, as everywhere in the API (ApiEndpoints.AddRcApi says why). Its own
    // options, not the app's HTTP JSON options: the canonical body hashed for retries must not move
    // with a setting made for other endpoints.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    /// <param name="tokenStillValid">Asked when the write refused the token: whether it is valid now (it may have been kept in memory).</param>
    public async Task<Outcome<SubmitReply>> RunAsync(Guid organisationId, Guid surveyId, Guid tokenId, string key, byte[] body, Func<Task<bool>> tokenStillValid)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(tokenStillValid);
        // The survey as kept in memory for a few seconds (decision 9): the write checks in SQL that it is open.
        if (await surveys.FindSurveyForSubmitAsync(organisationId, surveyId) is not { } survey)
        {
            return Refusal.NotFound();
        }

        if (key.Length > 200)
        {
            return Refusal.Invalid("Idempotency-Key", "At most 200 characters.");
        }

        var (request, unreadable) = Read(body);
        // Keyed hashes: a body has so few possible answers (6^7 for one rated role) that a plain hash
        // in a copy of the database would give them away. The request's hash is of its meaning, not
        // its bytes: a retry that a client's JSON library writes with other spacing or property
        // order is the same request. A body that cannot be read has no meaning but its bytes.
        var keyHash = keyed.Hash($"{survey.Id:N}:{key}");
        var requestHash = keyed.Hash(unreadable is null ? Canonical(request) : body);
        // A retry of a request already stored answers as the first did, even if the survey has
        // closed since or the retry is malformed (a different body under the same key): the stored
        // key is looked up only then, so that a first request costs no extra query.
        async Task<Outcome<SubmitReply>?> EarlierAsync() =>
            key.Length > 0 && await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.TokenId == tokenId && r.KeyHash == keyHash) is { } earlier
                ? Replay(earlier, requestHash)
                : null;

        if (surveys.AvailabilityOf(survey) != Availability.Open)
        {
            return await EarlierAsync() ?? Refusal.Conflict(NotOpen);
        }

        var (role, draft, errors) = unreadable is null ? Validate(survey, request) : (null, null, new() { ["body"] = [unreadable] });
        if (errors is not null)
        {
            return await EarlierAsync() ?? Refusal.Invalid("The request has problems: nothing was stored.", errors);
        }

        // Stored as a submitted draft, to become a response in a batch of at least k like every
        // other: one response stored alone would let a viewer read it off the change in a tie.
        if (!await batches.StoreCompleteAsync(survey, role!.Id, draft!.ToJson(), tokenId, key.Length == 0 ? null : new(keyHash, requestHash, Stored)))
        {
            // The token was kept in memory (decision 10) and has been revoked since, on any instance,
            // or its creator has left the organisation or become a viewer.
            if (!await tokenStillValid())
            {
                return new Refusal(OutcomeKind.Unauthorized, "The API token is no longer valid.");
            }

            // The key was stored by an earlier request, or the survey closed since it was kept.
            return await EarlierAsync() ?? Refusal.Conflict(NotOpen);
        }

        return new SubmitReply(StatusCodes.Status201Created, Stored);
    }

    /// <summary>The request a JSON body holds, or why it cannot be read.</summary>
    private static (SubmitResponseRequest? Request, string? Unreadable) Read(byte[] bytes)
    {
        try
        {
            return (JsonSerializer.Deserialize<SubmitResponseRequest>(bytes, Json), null);
        }
        catch (JsonException e)
        {
            return (null, Api.ApiValidation.Unreadable(e));
        }
    }

    /// <summary>
    /// A request written one way only, whatever the JSON it came in: the properties in the record's
    /// order, no spacing, absent scores as <c>null</c>, and the answers in order of their text.
    /// The answers' order carries no meaning — each names its rated role, and a role is answered
    /// once; the batch stores them under their roles — so two bodies that list them differently
    /// are one response.
    /// </summary>
    private static byte[] Canonical(SubmitResponseRequest? request) => JsonSerializer.SerializeToUtf8Bytes(
        request is null ? null : request with { Answers = request.Answers?.OrderBy(a => JsonSerializer.Serialize(a, Json), StringComparer.Ordinal).ToList() }, Json);

    /// <summary>The role and answers of a response's request, or what is wrong with it, field by field.</summary>
    private static (SurveyRole? Role, DraftAnswers? Draft, Dictionary<string, string[]>? Errors) Validate(Survey survey, SubmitResponseRequest? body)
    {
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
    private static Outcome<SubmitReply> Replay(IdempotentRequest first, string requestHash) =>
        first.RequestHash == requestHash
            ? new SubmitReply(first.Status, first.Body)
            : Refusal.Unprocessable("This Idempotency-Key was already used for a different request: use a new key for a new response.");
}
