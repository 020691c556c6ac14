using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Xunit;

namespace RelationalCoordination.Web.OutsideInTests;

/// <summary>
/// docs/api.md as a reader follows it: every <c>sh</c> block of the page, in the page's order, run
/// by bash with real curl against the app as ./run.sh starts it, in one shell, so that what one
/// block sets (<c>$ID</c>) is there for the next. A block fails the test when it fails; a block
/// that shows a refusal on purpose says so in its fence (<c>```sh status=409</c>, which renders as
/// an ordinary shell block) and must fail with that status.
/// </summary>
[Collection(RunShAppGroup.Name)]
public sealed partial class ApiGuideTests(RunShApp app)
{
    private static readonly string Guide = Path.Combine(RunShApp.RepositoryRoot, "docs", "api.md");

    [Fact]
    public async Task Every_example_of_the_API_guide_runs_in_order_against_the_app_as_run_sh_starts_it()
    {
        var blocks = Blocks(await File.ReadAllTextAsync(Guide));
        // The guide's path through the API: a survey made, opened, filled, retried, closed, read and compared.
        Assert.True(blocks.Count >= 12, $"docs/api.md has {blocks.Count} sh blocks");
        foreach (var block in blocks)
        {
            // Without it curl exits 0 on a 4xx or 5xx, and an example that no longer works would pass.
            var plain = block.Text.Split('\n').Where(l => !l.TrimStart().StartsWith('#') && CurlWithoutFail().IsMatch(l)).ToList();
            Assert.True(plain.Count == 0, $"docs/api.md:{block.Line}: curl without --fail-with-body: {string.Join(" | ", plain)}");
        }

        var folder = Directory.CreateTempSubdirectory("rc-api-guide-").FullName;
        try
        {
            // The files the guide tells the reader to copy into the folder they run curl in.
            foreach (var file in new[] { "wave1.csv", "wave2.csv" })
            {
                File.Copy(Path.Combine(RunShApp.RepositoryRoot, "tests", "reference", "hospital", file), Path.Combine(folder, file));
            }

            var (exitCode, transcript) = await RunAsync(Script(blocks), folder, await TokenAsync());

            Assert.True(exitCode == 0 && transcript.Contains("### every example ran", StringComparison.Ordinal), $"bash exited with {exitCode}:\n{transcript}");
            // The files the examples wrote are what the guide says they are.
            Assert.StartsWith("from_role,to_role,n,", await File.ReadAllTextAsync(Path.Combine(folder, "ties.csv")), StringComparison.Ordinal);
            Assert.StartsWith("respondent_id,role,target_role,", await File.ReadAllTextAsync(Path.Combine(folder, "responses.csv")), StringComparison.Ordinal);
            Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(Path.Combine(folder, "results.xlsx")))[..2]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Block(int Line, string Text, int? Status);

    /// <summary>The page's <c>sh</c> blocks in order, with the line each starts on and the status a refusal shown on purpose must have.</summary>
    private static List<Block> Blocks(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Fence().Match(lines[i]) is not { Success: true } fence)
            {
                continue;
            }

            var start = i;
            var text = new StringBuilder();
            while (++i < lines.Length && lines[i] != "```")
            {
                text.Append(lines[i]).Append('\n');
            }

            blocks.Add(new Block(start + 1, text.ToString(),
                fence.Groups[1].Success ? int.Parse(fence.Groups[1].Value, CultureInfo.InvariantCulture) : null));
        }

        return blocks;
    }

    /// <summary>
    /// One bash script of every block in order, each announced by its line in the guide. The
    /// reader's server and token, which the first block sets, are the test's.
    /// </summary>
    private static string Script(List<Block> blocks)
    {
        var script = new StringBuilder("exec 2>&1\nset -euo pipefail\n");
        var readersSettings = 0;
        foreach (var block in blocks)
        {
            var text = ReadersSetting().Replace(block.Text, m =>
            {
                readersSettings++;
                return $"# {m.Value.Trim()}   (the test's own, from the environment)";
            });
            // On a line of its own: curl prints a body without a final newline.
            script.Append(CultureInfo.InvariantCulture, $"printf '\\n### docs/api.md:{block.Line}\\n'\n");
            if (block.Status is not { } status)
            {
                script.Append(text);
                continue;
            }

            // A refusal on purpose — one request: bash does not stop at a failing command inside the
            // check — where curl --fail-with-body exits non-zero and prints the problem details.
            script.Append(CultureInfo.InvariantCulture, $$"""
                if out=$( {
                {{text}}} 2>&1 ); then printf '%s\n' "$out"; echo '### docs/api.md:{{block.Line}} succeeded; it shows a {{status}}'; exit 1; fi
                printf '%s\n' "$out"
                case "$out" in *'"status":{{status}}'*) ;; *) echo '### docs/api.md:{{block.Line}} did not answer {{status}}'; exit 1 ;; esac

                """);
        }

        Assert.Equal(2, readersSettings);   // export RC=… and export TOKEN=…
        return script.Append("printf '\\n### every example ran\\n'\n").ToString();
    }

    private async Task<(int ExitCode, string Transcript)> RunAsync(string script, string folder, string token)
    {
        var path = Path.Combine(folder, "guide.sh");
        await File.WriteAllTextAsync(path, script);
        var start = new ProcessStartInfo("bash", [path])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["RC"] = app.BaseUrl;
        start.Environment["TOKEN"] = token;
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var error = bash.StandardError.ReadToEndAsync();
        // Two imports and three closings on a busy 2-core machine: minutes at worst, not more.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await bash.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The guide's examples did not finish within 5 minutes:\n{await output}");
        }

        return (bash.ExitCode, await output + await error);
    }

    /// <summary>A token made on the API tokens page, as the guide says, by the demo organisation's owner.</summary>
    private async Task<string> TokenAsync()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await RunShApp.SignInAsDemoAsync(page);
        await page.GotoAsync($"{new Uri(page.Url).AbsolutePath}/tokens");
        await page.FillAsync("#name", "API guide");
        await page.ClickAsync("text=Create a token");
        return (await page.InnerTextAsync("#token")).Trim();
    }

    [GeneratedRegex(@"^```sh(?: status=(\d{3}))?$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"\bcurl\s+(?!--fail-with-body)")]
    private static partial Regex CurlWithoutFail();

    [GeneratedRegex(@"^export (RC|TOKEN)=.*$", RegexOptions.Multiline)]
    private static partial Regex ReadersSetting();
}
