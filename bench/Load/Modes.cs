using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace RelationalCoordination.Load;

public static class Modes
{
    /// <summary>
    /// <c>survey</c>: creates a survey of <c>--roles</c> roles ("Role 01"…, each answers and is rated,
    /// minimum group size 5) through the API and opens it; prints its id and its link's key.
    /// </summary>
    public static async Task<int> SurveyAsync(Options options)
    {
        using var client = Http.Client(options);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Required("token"));
        var roles = Enumerable.Range(1, options.Int("roles", 10)).Select(i => new { name = Http.RoleName(i) });
        var created = await client.PostAsJsonAsync("/api/v1/surveys",
            new { title = options.Get("title") ?? "Load", workProcess = "discharging a patient", minimumGroupSize = 5, roles });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var opened = await client.PostAsync($"/api/v1/surveys/{id}/open", null);
        opened.EnsureSuccessStatusCode();
        var link = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!;
        Console.WriteLine($"{id} {link["/s/".Length..]}");
        return 0;
    }

    /// <summary>
    /// <c>api</c>: every worker posts one complete response after another (after a pause, with
    /// <c>--think-ms</c>), each with a new Idempotency-Key. With <c>--keys-log</c>, every key is logged before it is sent and again when
    /// it is acknowledged (201), for <c>retry</c> and the durability check.
    /// </summary>
    public static async Task<int> ApiAsync(Options options)
    {
        using var client = Http.Client(options);
        var token = options.Required("token");
        var survey = options.Required("survey");
        var roles = options.Int("roles", 10);
        var run = options.Get("run") ?? Guid.NewGuid().ToString("N")[..8];
        using var log = options.Get("keys-log") is { } path ? new KeyLog(path) : null;
        // A kiosk's respondent spends a while on the answers before they are sent: with --think-ms
        // each client waits about that long before each post.
        var thinkMs = options.Double("think-ms", 0);
        var result = await Runner.RunAsync("api", options, async w =>
        {
            await w.ThinkAsync(thinkMs);
            var key = $"{run}-{w.Index}-{w.Sequence++}";
            var body = Http.ApiBody(key, roles);
            log?.Sent(key);
            var start = Stopwatch.GetTimestamp();
            var status = await Http.PostResponseAsync(client, token, survey, key, body);
            var end = Stopwatch.GetTimestamp();
            if (status != HttpStatusCode.Created)
            {
                throw new LoadException($"POST responses answered {(int)status}");
            }

            log?.Acknowledged(key);
            w.Unit(start, end);
            w.Complete(end);
        });
        return result.Completed > 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>respondent</c>: every worker is one phone after another answering through the pages: the
    /// role's link, start, the seven questions (every role rated), the review, submit, thanks.
    /// </summary>
    public static async Task<int> RespondentAsync(Options options)
    {
        using var client = Http.Client(options);
        var key = options.Required("key");
        var roles = options.Int("roles", 10);
        // A person reads and taps before sending each page: with --think-ms the phone waits about
        // that long before each question and the review.
        var thinkMs = options.Double("think-ms", 0);
        var result = await Runner.RunAsync("respondent", options, async w =>
        {
            var phone = new Phone(client, w);
            var role = 1 + w.Random.Next(roles);
            var next = await StartAsync(phone, key, role);
            for (var q = 1; q <= Questions; q++)
            {
                await w.ThinkAsync(thinkMs);
                next = await AnswerAsync(phone, next, q, w.Random);
            }

            await w.ThinkAsync(thinkMs);
            await SubmitAsync(phone, next, w.Unit);
            w.Complete(Stopwatch.GetTimestamp());
        });
        return result.Completed > 0 ? 0 : 1;
    }

    public const int Questions = 7;

    /// <summary>The role's link, then Start: where the app sends the new respondent (question 1).</summary>
    public static async Task<string> StartAsync(Phone phone, string key, int role)
    {
        var welcome = await phone.GetAsync($"/s/{key}/{role}");
        return await phone.PostAsync($"/s/{key}/{role}", [new("chosenRole", Phone.Hidden(welcome, "chosenRole")), Token(welcome)]);
    }

    /// <summary>Shows question <paramref name="q"/> at <paramref name="path"/> and answers it for every rated role; where Next leads.</summary>
    public static async Task<string> AnswerAsync(Phone phone, string path, int q, Random random, Dictionary<string, string>? given = null)
    {
        if (!path.EndsWith($"/q/{q}", StringComparison.Ordinal))
        {
            throw new LoadException($"expected question {q}, was sent to {path}");
        }

        var page = await phone.GetAsync(path);
        var groups = Phone.Groups(page);
        if (groups.Count == 0)
        {
            throw new LoadException($"question {q} without options");
        }

        var fields = groups.Select(g => new KeyValuePair<string, string>(g, random.NextDouble() < 0.03 ? "na" : (1 + random.Next(5)).ToString(CultureInfo.InvariantCulture))).ToList();
        foreach (var (name, value) in fields)
        {
            given?.Add(name, value);
        }

        fields.Add(new("go", q < Questions ? "next" : "review"));
        fields.Add(Token(page));
        return await phone.PostAsync(path, fields);
    }

    /// <summary>The review page, then Submit (timed as <paramref name="timed"/>), then the thanks page.</summary>
    public static async Task SubmitAsync(Phone phone, string review, Action<long, long> timed)
    {
        if (!review.EndsWith("/review", StringComparison.Ordinal))
        {
            throw new LoadException($"expected the review, was sent to {review}");
        }

        var page = await phone.GetAsync(review);
        if (page.Contains("class=\"unanswered\"", StringComparison.Ordinal))
        {
            throw new LoadException("the review shows unanswered questions");
        }

        var thanks = await phone.PostAsync(review, [Token(page)], timed);
        if (!thanks.EndsWith("/thanks", StringComparison.Ordinal))
        {
            throw new LoadException($"submit led to {thanks}");
        }

        await phone.GetAsync(thanks);
    }

    private static KeyValuePair<string, string> Token(string page) => new("__RequestVerificationToken", Phone.Antiforgery(page));

    /// <summary>
    /// <c>pg</c>: the PostgreSQL-only baseline: what the app writes for one response, with Npgsql
    /// directly, in one transaction — the idempotency key's row, the submitted draft, the response
    /// and its answer rows, the draft emptied — sent as one batch, then the commit.
    /// </summary>
    public static async Task<int> PgAsync(Options options)
    {
        var (source, survey, roles, tokenId) = await PgSetupAsync(options);
        await using var _ = source;
        var run = Guid.NewGuid().ToString("N")[..8];
        var answerSql = AnswerInsert(roles.Count);
        // With --think-ms, paced as the api mode's clients are.
        var thinkMs = options.Double("think-ms", 0);
        var result = await Runner.RunAsync("pg", options, async w =>
        {
            await w.ThinkAsync(thinkMs);
            var key = $"{run}-{w.Index}-{w.Sequence++}";
            var body = Http.ApiBody(key, roles.Count);
            var random = new Random(Http.Seed(key));
            var role = roles[random.Next(roles.Count)];
            var scores = roles.Select(_ => Enumerable.Range(0, Questions).Select(_ => random.NextDouble() < 0.03 ? (short?)null : (short)(1 + random.Next(5))).ToArray()).ToList();
            foreach (var s in scores.Where(s => s.All(v => v is null)))
            {
                s[0] = 3;
            }

            var draftJson = JsonSerializer.Serialize(roles.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => scores[x.i].Select(v => (int?)(v ?? 0)).ToArray()));
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var (draft, response) = (Guid.NewGuid(), Guid.NewGuid());

            var start = Stopwatch.GetTimestamp();
            await WriteResponseAsync(source, answerSql, roles, scores, (survey, role, today, draft, response),
                Command("""INSERT INTO "IdempotentRequests" ("TokenId", "KeyHash", "SurveyId", "Status", "RequestHash", "Body", "CreatedOn") VALUES ($1, $2, $3, 201, $4, '{"stored":true}', $5) ON CONFLICT DO NOTHING""",
                    P(tokenId), P(Http.KeyHash(survey, key)), P(survey), P(Http.Keyed(body)), P(today)),
                Command("""INSERT INTO "ResponseDrafts" ("Id", "SurveyId", "ResumeCodeHash", "RoleId", "Answers", "Step", "Submitted", "UpdatedOn") VALUES ($1, $2, $3, $4, $5, 8, true, $6)""",
                    P(draft), P(survey), P(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(draft.ToByteArray()))), P(role), new NpgsqlParameter<string> { TypedValue = draftJson, NpgsqlDbType = NpgsqlDbType.Jsonb }, P(today)));

            var end = Stopwatch.GetTimestamp();
            w.Unit(start, end);
            w.Complete(end);
        });
        return result.Completed > 0 ? 0 : 1;
    }

    /// <summary>The baselines' data source (the app's connection settings), the survey, its roles in order and an API token's id.</summary>
    private static async Task<(NpgsqlDataSource Source, Guid Survey, List<Guid> Roles, Guid TokenId)> PgSetupAsync(Options options)
    {
        // The app's connection settings (ServiceExtensions.Tuned), so that the ratio compares work, not settings.
        var builder = new NpgsqlConnectionStringBuilder(options.Required("connection")) { MaxAutoPrepare = 50, NoResetOnClose = true };
        if (options.Get("pool") is { } pool)
        {
            builder.MaxPoolSize = int.Parse(pool, CultureInfo.InvariantCulture);
        }

        var source = NpgsqlDataSource.Create(builder.ConnectionString);
        var survey = Guid.Parse(options.Required("survey"));
        var roles = new List<Guid>();
        Guid tokenId;
        await using (var connection = await source.OpenConnectionAsync())
        {
            await using (var command = new NpgsqlCommand("""SELECT "Id" FROM "SurveyRoles" WHERE "SurveyId" = $1 ORDER BY "Position" """, connection))
            {
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = survey });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    roles.Add(reader.GetGuid(0));
                }
            }

            await using var token = new NpgsqlCommand("""SELECT "Id" FROM "ApiTokens" ORDER BY "CreatedAt" LIMIT 1""", connection);
            tokenId = (Guid)(await token.ExecuteScalarAsync() ?? throw new InvalidOperationException("No API token in the database."));
        }

        if (roles.Count == 0)
        {
            throw new InvalidOperationException($"Survey {survey} has no roles.");
        }

        return (source, survey, roles, tokenId);
    }

    /// <summary>
    /// <c>pg-pages</c>: the PostgreSQL-only baseline of the respondent pages: the writes a phone's
    /// answers cause, with Npgsql alone and each in its own transaction as the pages make them — the
    /// draft inserted, its answers saved after each of the 7 questions, the draft submitted — then
    /// the response, its answer rows and the draft emptied in one transaction. Not the pages'
    /// reads (the survey, the draft): only what the pages store.
    /// </summary>
    public static async Task<int> PgPagesAsync(Options options)
    {
        var (source, survey, roles, _) = await PgSetupAsync(options);
        await using var __ = source;
        var answerSql = AnswerInsert(roles.Count);
        // With --think-ms, paced as the respondent mode's phones are: a pause before each question's save and the submit.
        var thinkMs = options.Double("think-ms", 0);
        var result = await Runner.RunAsync("pg-pages", options, async w =>
        {
            var random = new Random(w.Random.Next());
            var role = roles[random.Next(roles.Count)];
            var scores = roles.Select(_ => Enumerable.Range(0, Questions).Select(_ => random.NextDouble() < 0.03 ? (short?)null : (short)(1 + random.Next(5))).ToArray()).ToList();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var (draft, response) = (Guid.NewGuid(), Guid.NewGuid());
            string Json(int answered) => JsonSerializer.Serialize(roles.Select((r, i) => (r, i)).ToDictionary(x => x.r,
                x => scores[x.i].Select((v, q) => q < answered ? (int?)(v ?? 0) : null).ToArray()));

            async Task OneAsync(string sql, params NpgsqlParameter[] parameters)
            {
                await using var command = source.CreateCommand(sql);
                command.Parameters.AddRange(parameters);
                await command.ExecuteNonQueryAsync();
            }

            await OneAsync("""INSERT INTO "ResponseDrafts" ("Id", "SurveyId", "ResumeCodeHash", "RoleId", "Answers", "Step", "Submitted", "UpdatedOn") VALUES ($1, $2, $3, $4, '{}', 1, false, $5)""",
                P(draft), P(survey), P(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(draft.ToByteArray()))), P(role), P(today));
            for (var q = 1; q <= Questions; q++)
            {
                await w.ThinkAsync(thinkMs);
                await OneAsync("""UPDATE "ResponseDrafts" SET "Answers" = $1, "Step" = $2, "UpdatedOn" = $3 WHERE "Id" = $4""",
                    new NpgsqlParameter<string> { TypedValue = Json(q), NpgsqlDbType = NpgsqlDbType.Jsonb }, P(q + 1), P(today), P(draft));
            }

            await w.ThinkAsync(thinkMs);
            var start = Stopwatch.GetTimestamp();
            await OneAsync("""UPDATE "ResponseDrafts" SET "Submitted" = true WHERE "Id" = $1""", P(draft));
            await WriteResponseAsync(source, answerSql, roles, scores, (survey, role, today, draft, response));

            var end = Stopwatch.GetTimestamp();
            w.Unit(start, end);
            w.Complete(end);
        });
        return result.Completed > 0 ? 0 : 1;
    }

    /// <summary>
    /// In one transaction, sent as one batch: <paramref name="first"/>, then the response, its answer
    /// rows and the draft emptied.
    /// </summary>
    private static async Task WriteResponseAsync(NpgsqlDataSource source, string answerSql, List<Guid> roles, List<short?[]> scores,
        (Guid Survey, Guid Role, DateOnly Day, Guid Draft, Guid Response) ids, params NpgsqlBatchCommand[] first)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in first)
        {
            batch.BatchCommands.Add(command);
        }

        batch.BatchCommands.Add(Command("""INSERT INTO "Responses" ("Id", "SurveyId", "RoleId", "SubmittedOn") VALUES ($1, $2, $3, $4)""",
            P(ids.Response), P(ids.Survey), P(ids.Role), P(ids.Day)));
        batch.BatchCommands.Add(Command(answerSql, [P(ids.Response), .. roles.SelectMany((r, i) => new NpgsqlParameter[] { P(r) }.Concat(scores[i].Select(Score)))]));
        batch.BatchCommands.Add(Command("""UPDATE "ResponseDrafts" SET "Answers" = '{}' WHERE "Id" = $1""", P(ids.Draft)));
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static string AnswerInsert(int roles) =>
        """INSERT INTO "Answer" ("ResponseId", "TargetRoleId", "Frequent", "Timely", "Accurate", "ProblemSolving", "SharedGoals", "SharedKnowledge", "MutualRespect") VALUES """
        + string.Join(", ", Enumerable.Range(0, roles).Select(i => $"($1, ${2 + (i * 8)}, ${3 + (i * 8)}, ${4 + (i * 8)}, ${5 + (i * 8)}, ${6 + (i * 8)}, ${7 + (i * 8)}, ${8 + (i * 8)}, ${9 + (i * 8)})"));

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T> P<T>(T value)
        where T : notnull => new() { TypedValue = value };

    private static NpgsqlParameter Score(short? value) => value is { } score
        ? new NpgsqlParameter<short> { TypedValue = score }
        : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Smallint };
}
