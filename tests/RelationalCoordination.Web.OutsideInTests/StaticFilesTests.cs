using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Xunit;

namespace RelationalCoordination.Web.OutsideInTests;

/// <summary>
/// Every static file reaches a browser whole and with its content type, however the browser asks
/// for it. Once, the app as ./run.sh started it answered a browser's <c>Accept-Encoding: gzip</c>
/// with an empty 200 and no content type while plain requests got the file: every page was
/// unstyled and no script ran, and every other test passed.
/// </summary>
[Collection(RunShAppGroup.Name)]
[Trait("Stage", "Smoke")]
public sealed partial class StaticFilesTests(RunShApp app)
{
    /// <summary>What Chromium sends, then each encoding alone, then none.</summary>
    public static TheoryData<string> Encodings => ["gzip, deflate, br", "br", "gzip", "deflate", "identity"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Every_file_in_wwwroot_is_served_whole_with_its_content_type(string acceptEncoding)
    {
        var files = Directory.EnumerateFiles(RunShApp.WebRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        using var http = app.NewHttpClient();
        var problems = new List<string>();
        foreach (var file in files)
        {
            var url = "/" + Path.GetRelativePath(RunShApp.WebRoot, file).Replace('\\', '/');
            problems.AddRange(await ServedWholeAsync(http, url, file, acceptEncoding));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Every_stylesheet_script_image_and_font_the_pages_link_is_served_whole()
    {
        var linked = new SortedSet<string>(StringComparer.Ordinal);
        var pages = await VisitEveryPageAsync(linked);
        Assert.True(pages.Count >= 20, $"Only {pages.Count} pages were reached:\n{string.Join('\n', pages)}");
        Assert.Contains(linked, u => u.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(linked, u => u.EndsWith(".js", StringComparison.Ordinal));

        using var http = app.NewHttpClient();
        var problems = new List<string>();
        foreach (var url in linked)
        {
            if (OnDisk(url) is { } file)
            {
                problems.AddRange(await ServedWholeAsync(http, url, file, "gzip, deflate, br"));
            }
            else
            {
                problems.Add($"{url}: linked by a page, but no file in wwwroot is served at this address");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>
    /// Signs in as the demo user and opens every page reachable from the organisation's dashboard
    /// (a respondent's pages through the open wave's link), collecting the same-origin static files
    /// each one loaded: stylesheets, scripts, images and fonts, also those a stylesheet pulls in.
    /// </summary>
    private async Task<List<string>> VisitEveryPageAsync(SortedSet<string> linked)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Request += (_, request) =>
        {
            if (request.ResourceType is "stylesheet" or "script" or "image" or "font" && new Uri(request.Url) is var uri
                && uri.GetLeftPart(UriPartial.Authority) == app.BaseUrl && IsStaticFile(uri.AbsolutePath))
            {
                lock (linked)
                {
                    linked.Add(uri.AbsolutePath);
                }
            }
        };

        var visited = new List<string>();
        await page.GotoAsync("/account/signin");
        visited.Add("/account/signin");
        await RunShApp.SignInAsDemoAsync(page);
        var queue = new Queue<string>([new Uri(page.Url).AbsolutePath]);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        while (queue.Count > 0 && visited.Count < 80)
        {
            var path = queue.Dequeue();
            IResponse? response;
            try
            {
                response = await page.GotoAsync(path);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
            {
                continue;
            }

            if (response is null || !response.Headers.TryGetValue("content-type", out var type) || !type.StartsWith("text/html", StringComparison.Ordinal))
            {
                continue;
            }

            visited.Add(path);
            // Links, and the survey links a facilitator copies from the Share page.
            var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.href)");
            var copied = await page.EvalOnSelectorAllAsync<string[]>(".copy", "spans => spans.map(s => s.textContent.trim())");
            foreach (var href in hrefs.Concat(copied.Where(c => c.StartsWith(app.BaseUrl + "/s/", StringComparison.Ordinal))))
            {
                var uri = new Uri(href);
                if (uri.GetLeftPart(UriPartial.Authority) == app.BaseUrl && Followed(uri.AbsolutePath) && seen.Add(uri.PathAndQuery))
                {
                    queue.Enqueue(uri.PathAndQuery);
                }
            }
        }

        return visited;
    }

    /// <summary>Pages, not downloads, and nothing that signs out.</summary>
    private static bool Followed(string path) =>
        !path.StartsWith("/account/signout", StringComparison.Ordinal)
        && !path.Contains("/export", StringComparison.Ordinal)
        && !path.StartsWith("/api/", StringComparison.Ordinal)
        && !path.StartsWith("/openapi/", StringComparison.Ordinal)
        && !IsStaticFile(path)
        && (path.StartsWith("/orgs", StringComparison.Ordinal) || path.StartsWith("/s/", StringComparison.Ordinal)
            || path.StartsWith("/account", StringComparison.Ordinal) || path.StartsWith("/r/", StringComparison.Ordinal) || path == "/");

    private static bool IsStaticFile(string path) => StaticExtension().IsMatch(path);

    [GeneratedRegex(@"\.(css|js|mjs|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|otf|map)$")]
    private static partial Regex StaticExtension();

    /// <summary>
    /// The source file behind a served address: the same path, or the path with the content
    /// fingerprint that <c>MapStaticAssets</c> adds to the name (<c>site.oe80uizray.css</c>).
    /// </summary>
    private static string? OnDisk(string url)
    {
        var relative = url.TrimStart('/');
        var plain = Path.Combine(RunShApp.WebRoot, relative);
        if (File.Exists(plain))
        {
            return plain;
        }

        var unfingerprinted = Fingerprint().Replace(relative, "$1$2");
        var file = Path.Combine(RunShApp.WebRoot, unfingerprinted);
        return unfingerprinted != relative && File.Exists(file) ? file : null;
    }

    [GeneratedRegex(@"^(.*)\.[a-z0-9]{6,16}(\.[a-z0-9]+)$")]
    private static partial Regex Fingerprint();

    private static async Task<List<string>> ServedWholeAsync(HttpClient http, string url, string file, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var encoding = string.Join(",", response.Content.Headers.ContentEncoding);
        var type = response.Content.Headers.ContentType?.MediaType;
        var at = $"{url} (Accept-Encoding: {acceptEncoding})";
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [$"{at}: {(int)response.StatusCode} {response.StatusCode}"];
        }

        var problems = new List<string>();
        if (body.Length == 0)
        {
            problems.Add($"{at}: an empty body (Content-Encoding: {encoding})");
        }

        if (type != ExpectedType(file))
        {
            problems.Add($"{at}: Content-Type {type ?? "(none)"}, expected {ExpectedType(file)}");
        }

        if (encoding.Length > 0 && !acceptEncoding.Contains(encoding, StringComparison.Ordinal))
        {
            problems.Add($"{at}: Content-Encoding {encoding}, which was not asked for");
        }

        if (body.Length > 0)
        {
            var decoded = Decoded(body, encoding);
            var onDisk = await File.ReadAllBytesAsync(file);
            if (!decoded.AsSpan().SequenceEqual(onDisk))
            {
                problems.Add($"{at}: {decoded.Length} bytes after {(encoding.Length > 0 ? encoding : "no")} decoding differ from {Path.GetRelativePath(RunShApp.RepositoryRoot, file)} ({new FileInfo(file).Length} bytes)");
            }
        }

        return problems;
    }

    private static byte[] Decoded(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            "deflate" => new ZLibStream(input, CompressionMode.Decompress),
            "" => input,
            _ => throw new InvalidOperationException($"Unknown Content-Encoding {encoding}"),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>What a browser needs to accept each kind of file (Chromium refuses a stylesheet of any other type).</summary>
    private static string ExpectedType(string file) => Path.GetExtension(file) switch
    {
        ".css" => "text/css",
        ".js" or ".mjs" => "text/javascript",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".svg" => "image/svg+xml",
        ".ico" => "image/x-icon",
        ".webp" => "image/webp",
        ".woff" => "font/woff",
        ".woff2" => "font/woff2",
        ".ttf" => "font/ttf",
        ".otf" => "font/otf",
        ".map" or ".json" => "application/json",
        var other => $"(a type for {other})",
    };
}
