using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RelationalCoordination.Load;

public static class Http
{
    /// <summary>
    /// One client for all workers: a connection per concurrent request at most, no cookies (each
    /// virtual respondent keeps its own, see <see cref="Phone"/>), no automatic redirects.
    /// </summary>
    public static HttpClient Client(Options options) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        UseCookies = false,
        AllowAutoRedirect = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = new Uri(options.Required("url")),
        Timeout = TimeSpan.FromSeconds(options.Double("timeout", 60)),
    };

    /// <summary>The roles of a load survey are named "Role 01", "Role 02", … (see <see cref="Setup"/>).</summary>
    public static string RoleName(int number) => $"Role {number:00}";

    /// <summary>A stable 64-bit hash (FNV-1a): the same key gives the same body in every process.</summary>
    public static int Seed(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (int)(hash ^ (hash >> 32));
    }

    /// <summary>
    /// One complete response for <c>POST /api/v1/surveys/{id}/responses</c>, made from the key alone so
    /// that a retry sends the same body: a random answering role, seven scores about every role
    /// (about 3 % "not applicable", never all seven).
    /// </summary>
    public static byte[] ApiBody(string key, int roles)
    {
        var random = new Random(Seed(key));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("role", RoleName(1 + random.Next(roles)));
            json.WriteStartArray("answers");
            string[] fields = ["frequent", "timely", "accurate", "problemSolving", "sharedGoals", "sharedKnowledge", "mutualRespect"];
            for (var target = 1; target <= roles; target++)
            {
                json.WriteStartObject();
                json.WriteString("targetRole", RoleName(target));
                var scores = fields.Select(_ => random.NextDouble() < 0.03 ? (int?)null : 1 + random.Next(5)).ToArray();
                if (scores.All(s => s is null))
                {
                    scores[0] = 3;
                }

                for (var d = 0; d < fields.Length; d++)
                {
                    if (scores[d] is { } score)
                    {
                        json.WriteNumber(fields[d], score);
                    }
                    else
                    {
                        json.WriteNull(fields[d]);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Posts one response; the status code, after reading the whole answer.</summary>
    public static async Task<HttpStatusCode> PostResponseAsync(HttpClient client, string token, string survey, string key, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{survey}/responses") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode;
    }

    /// <summary>
    /// What the app stores of an idempotency key: HMAC-SHA256 under the app's <c>Secrets__HashKey</c>
    /// (the benchmark scripts give both the same), lower-case hex, of "{survey id:N}:{key}".
    /// </summary>
    public static string KeyHash(Guid survey, string key) => Keyed(Encoding.UTF8.GetBytes($"{survey:N}:{key}"));

    /// <summary>HMAC-SHA256 under the app's hash key, as the app stores a retry's key and body.</summary>
    public static string Keyed(byte[] data) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(
            Convert.FromBase64String(Environment.GetEnvironmentVariable("Secrets__HashKey") ?? throw new InvalidOperationException("Set Secrets__HashKey to the app's hash key.")), data));
}

/// <summary>
/// A phone without JavaScript answering through the respondent pages: its own cookies (the
/// antiforgery cookie, the draft's resume code, the language), forms posted with the page's
/// antiforgery token, redirects followed one request at a time. Every request's latency goes to
/// the worker.
/// </summary>
public sealed partial class Phone(HttpClient client, Worker? worker, Dictionary<string, string>? cookies = null)
{
    public Dictionary<string, string> Cookies { get; } = cookies ?? new(StringComparer.Ordinal);

    public async Task<string> GetAsync(string path)
    {
        var (status, html, _) = await SendAsync(HttpMethod.Get, path, null);
        return status == HttpStatusCode.OK ? html : throw new LoadException($"GET {Shape(path)} answered {(int)status}");
    }

    /// <summary>Posts a form and returns where it redirects to (every respondent form does).</summary>
    public async Task<string> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, Action<long, long>? timed = null)
    {
        var start = Stopwatch.GetTimestamp();
        var (status, _, location) = await SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields));
        timed?.Invoke(start, Stopwatch.GetTimestamp());
        return status == HttpStatusCode.Redirect && location is not null ? location
            : throw new LoadException($"POST {Shape(path)} answered {(int)status}{(location is null ? "" : " to " + Shape(location))}");
    }

    private async Task<(HttpStatusCode Status, string Html, string? Location)> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var start = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var html = await response.Content.ReadAsStringAsync();
        worker?.Request(start, Stopwatch.GetTimestamp());
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    Cookies.Remove(name);
                }
                else
                {
                    Cookies[name] = value;
                }
            }
        }

        return (response.StatusCode, html, response.Headers.Location?.OriginalString);
    }

    /// <summary>The antiforgery token of the page's form.</summary>
    public static string Antiforgery(string html) =>
        AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new LoadException("a page without its antiforgery token");

    public static string Hidden(string html, string name) =>
        HiddenField().Matches(html).FirstOrDefault(m => m.Groups[1].Value == name) is { } m ? m.Groups[2].Value : throw new LoadException($"a page without the field {name}");

    /// <summary>The radio groups of a question page (<c>q{n}.{role id}</c>), in page order.</summary>
    public static List<string> Groups(string html) => [.. RadioGroup().Matches(html).Select(m => m.Groups[1].Value).Distinct()];

    /// <summary>The checked option of each radio group of a question page.</summary>
    public static Dictionary<string, string> Checked(string html) =>
        CheckedRadio().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    /// <summary>A path without the survey's key, for messages.</summary>
    private static string Shape(string path) => SurveyKey().Replace(path, "/s/(key)");

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)" />""")]
    private static partial Regex HiddenField();

    [GeneratedRegex("""<input type="radio" name="(q\d\.[0-9a-f]{32})" """)]
    private static partial Regex RadioGroup();

    [GeneratedRegex("""<input type="radio" name="(q\d\.[0-9a-f]{32})" value="([^"]+)" checked="checked" />""")]
    private static partial Regex CheckedRadio();

    [GeneratedRegex("/s/[a-z0-9]+")]
    private static partial Regex SurveyKey();
}
