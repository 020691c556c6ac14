using System.Net;
using System.Text.Json;

namespace RelationalCoordination.Load;

/// <summary>
/// Every idempotency key of a run, one line each time it is sent (<c>S</c>) and when it is
/// acknowledged (<c>A</c>, a 201), with the time in Unix milliseconds: <c>S 1764099999123 key</c>.
/// Lines are flushed as they are written.
/// </summary>
public sealed class KeyLog : IDisposable
{
    private readonly StreamWriter writer;
    private readonly Lock gate = new();

    public KeyLog(string path) => writer = new StreamWriter(path, append: true) { AutoFlush = true };

    public void Sent(string key) => Write('S', key);

    public void Acknowledged(string key) => Write('A', key);

    private void Write(char what, string key)
    {
        lock (gate)
        {
            writer.WriteLine($"{what} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {key}");
        }
    }

    public void Dispose() => writer.Dispose();

    /// <summary>The keys sent, in order (distinct), and when each acknowledged key was first acknowledged.</summary>
    public static (List<string> Sent, Dictionary<string, long> Acknowledged) Read(string path)
    {
        var sent = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var acknowledged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length != 3)
            {
                continue;   // a line cut short
            }

            if (parts[0] == "S" && seen.Add(parts[2]))
            {
                sent.Add(parts[2]);
            }
            else if (parts[0] == "A")
            {
                acknowledged.TryAdd(parts[2], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return (sent, acknowledged);
    }
}

public static class Durability
{
    /// <summary>
    /// <c>retry</c>: sends again, with the same key and the same body, every key of the log that was
    /// not acknowledged, until it is (a response already stored is answered as the first time and
    /// stored nothing new).
    /// </summary>
    public static async Task<int> RetryAsync(Options options)
    {
        var path = options.Required("keys-log");
        var (sent, acknowledged) = KeyLog.Read(path);
        var pending = sent.Where(k => !acknowledged.ContainsKey(k)).ToList();
        using var client = Http.Client(options);
        using var log = new KeyLog(path);
        var (token, survey, roles) = (options.Required("token"), options.Required("survey"), options.Int("roles", 10));
        var attempts = options.Int("attempts", 60);
        int ok = 0, failed = 0;
        string? lastProblem = null;
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Int("concurrency", 20) }, async (key, _) =>
        {
            var body = Http.ApiBody(key, roles);
            for (var attempt = 1; attempt <= attempts; attempt++)
            {
                try
                {
                    var status = await Http.PostResponseAsync(client, token, survey, key, body);
                    if (status == HttpStatusCode.Created)
                    {
                        log.Acknowledged(key);
                        Interlocked.Increment(ref ok);
                        return;
                    }

                    lastProblem = $"answered {(int)status}";
                    if (status is not (HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError))
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    lastProblem = e.Message;
                }

                await Task.Delay(500);
            }

            Interlocked.Increment(ref failed);
        });
        Console.WriteLine($"retry: {sent.Count} keys sent, {acknowledged.Count} acknowledged under load, {pending.Count} retried: {ok} acknowledged now, {failed} failed{(failed > 0 ? $" (last: {lastProblem})" : "")}");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>keys</c>: prints "sent acknowledged acknowledged-before" (distinct keys; before
    /// <c>--before</c>, Unix milliseconds) and writes, with <c>--hashes</c>, what the app stores of each
    /// key acknowledged before then, one per line, for a check in psql.
    /// </summary>
    public static async Task<int> KeysAsync(Options options)
    {
        var (sent, acknowledged) = KeyLog.Read(options.Required("keys-log"));
        var before = options.Get("before") is { } b ? long.Parse(b, System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;
        var early = acknowledged.Where(a => a.Value < before).Select(a => a.Key).ToList();
        if (options.Get("hashes") is { } hashes)
        {
            var survey = Guid.Parse(options.Required("survey"));
            await File.WriteAllLinesAsync(hashes, early.Select(k => Http.KeyHash(survey, k)));
        }

        Console.WriteLine($"{sent.Count} {acknowledged.Count} {early.Count}");
        return 0;
    }

    public sealed record Begun(int Role, Dictionary<string, string> Cookies, Dictionary<string, string> Given, string Next);

    /// <summary>
    /// <c>begin</c>: <c>--respondents</c> phones start on their role's link and answer the first
    /// <c>--answer</c> questions, then stop; their cookies and answers are saved to <c>--state</c>.
    /// </summary>
    public static async Task<int> BeginAsync(Options options)
    {
        using var client = Http.Client(options);
        var (key, roles, answer) = (options.Required("key"), options.Int("roles", 10), options.Int("answer", 3));
        var random = new Random(options.Int("seed", 1));
        var begun = new List<Begun>();
        for (var i = 0; i < options.Int("respondents", 20); i++)
        {
            var phone = new Phone(client, null);
            var role = 1 + (i % roles);
            var next = await Modes.StartAsync(phone, key, role);
            var given = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var q = 1; q <= answer; q++)
            {
                next = await Modes.AnswerAsync(phone, next, q, random, given);
            }

            begun.Add(new Begun(role, phone.Cookies, given, next));
        }

        await File.WriteAllTextAsync(options.Required("state"), JsonSerializer.Serialize(begun));
        Console.WriteLine($"begin: {begun.Count} respondents answered questions 1 to {answer} and stopped");
        return 0;
    }

    /// <summary>
    /// <c>resume</c>: the phones of <c>begin</c> come back with their cookies: the role's link offers
    /// Continue, which leads to the next question; the questions answered before show those answers
    /// checked; they answer the rest and submit.
    /// </summary>
    public static async Task<int> ResumeAsync(Options options)
    {
        using var client = Http.Client(options);
        var key = options.Required("key");
        var begun = JsonSerializer.Deserialize<List<Begun>>(await File.ReadAllTextAsync(options.Required("state")))!;
        var random = new Random(options.Int("seed", 2));
        int resumed = 0, checkedAnswers = 0, missing = 0, submitted = 0;
        var problems = new List<string>();
        foreach (var b in begun)
        {
            try
            {
                var phone = new Phone(client, null, new Dictionary<string, string>(b.Cookies, StringComparer.Ordinal));
                var welcome = await phone.GetAsync($"/s/{key}/{b.Role}");
                if (!welcome.Contains("id=\"continue\"", StringComparison.Ordinal))
                {
                    throw new LoadException("the role's link does not offer to continue the draft");
                }

                var next = await phone.PostAsync($"/s/{key}/{b.Role}", [new("__RequestVerificationToken", Phone.Antiforgery(welcome))]);
                if (next != b.Next)
                {
                    throw new LoadException($"Continue led to {next}, not {b.Next}");
                }

                resumed++;
                var answered = b.Given.Keys.Select(g => g[1] - '0').Distinct().Order().ToList();
                foreach (var q in answered)
                {
                    var shown = Phone.Checked(await phone.GetAsync($"/s/{key}/q/{q}"));
                    foreach (var (group, value) in b.Given.Where(g => g.Key.StartsWith($"q{q}.", StringComparison.Ordinal)))
                    {
                        if (shown.GetValueOrDefault(group) == value)
                        {
                            checkedAnswers++;
                        }
                        else
                        {
                            missing++;
                        }
                    }
                }

                for (var q = answered.Count + 1; q <= Modes.Questions; q++)
                {
                    next = await Modes.AnswerAsync(phone, next, q, random);
                }

                await Modes.SubmitAsync(phone, next, (_, _) => { });
                submitted++;
            }
            catch (LoadException e)
            {
                problems.Add(e.Message);
            }
        }

        Console.WriteLine($"resume: {begun.Count} drafts begun before the kill, {resumed} continued after the restart, {checkedAnswers} earlier answers shown as given, {missing} lost, {submitted} submitted"
            + (problems.Count > 0 ? $"; problems: {string.Join("; ", problems.Distinct())}" : ""));
        return resumed == begun.Count && submitted == begun.Count && missing == 0 ? 0 : 1;
    }
}
