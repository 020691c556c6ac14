using System.Diagnostics;
using System.Text;

using Xunit;

namespace RelationalCoordination.Cli.Tests;

/// <summary>
/// Every kind of bad input exits with code 2, prints one line naming the file, line and field,
/// and writes no result file at all.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const string Header = "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect";
    private const string Good = "r1,Nurses,Physicians,4,4,4,4,4,4,4";

    private readonly TempDirectory temp = new();

    public static TheoryData<string, string, string> BadFiles => new()
    {
        // name, content, what the message must say (line and field)
        { "missing-column", "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,mutual_respect\nr1,A,B,4,4,4,4,4,4\n", "line 1, field 'shared_knowledge'" },
        { "score-of-7", $"{Header}\n{Good}\nr2,Nurses,Physicians,4,4,4,4,4,7,4\n", "line 3, field 'shared_knowledge': score 7 is outside 1–5" },
        { "score-of-x", $"{Header}\n{Good}\nr2,Nurses,Physicians,4,x,4,4,4,4,4\n", "line 3, field 'timely': \"x\" is not a whole number from 1 to 5" },
        { "duplicate-row", $"{Header}\n{Good}\n{Good}\n", "line 3, field 'target_role': respondent 'r1' already rated target role 'Physicians' on line 2" },
        { "two-roles", $"{Header}\n{Good}\nr1,Aides,Nurses,4,4,4,4,4,4,4\n", "line 3, field 'role': respondent 'r1' has role 'Aides' here but 'Nurses' on line 2" },
        { "short-row", $"{Header}\n{Good}\nr2,Nurses,Physicians,4,4\n", "line 3, field 'accurate': expected 10 fields" },
        { "broken-quote", $"{Header}\n{Good}\n\"r2,Nurses,Physicians,4,4,4,4,4,4,4\n", "line 3, field 'respondent_id': field 1 opens a quote that is never closed" },
        { "stray-quote", $"{Header}\n{Good}\nr2,Nurses,Physi\"cians,4,4,4,4,4,4,4\n", "line 3, field 'target_role': field 3 has a quote inside an unquoted value" },
        { "long-row", $"{Header}\n{Good}\nr2,Nurses,Physicians,4,4,4,4,4,4,4,4\n", "line 3: expected 10 fields as in the header, found 11: field 11 has no column" },
        { "newline-in-role", $"{Header}\n{Good}\nr1,\"Night\nnurses\",Physicians,4,4,4,4,4,4,4\n", "line 3, field 'role': respondent 'r1' has role 'Night nurses' here but 'Nurses' on line 2" },
        { "empty", "", "line 1: the file is empty" },
        { "empty-id", $"{Header}\n  ,Nurses,Physicians,4,4,4,4,4,4,4\n", "line 2, field 'respondent_id'" },
        { "header-only", $"{Header}\n", "line 2: the file holds a header but no responses" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_responses_exit_2_with_one_line_naming_file_line_and_field_and_write_nothing(string name, string content, string message)
    {
        var input = temp.Write($"{name}.csv", content);

        AssertRejected(RcRun.Of("score", input, "--out", Output), $"{input}: {message}");
    }

    [Fact]
    public void Invalid_utf8_is_bad_input_on_its_line()
    {
        var input = temp.File("latin1.csv");
        File.WriteAllBytes(input, Encoding.Latin1.GetBytes($"{Header}\n{Good}\nr2,Sygeplejersker,Læger,4,4,4,4,4,4,4\n"));

        AssertRejected(RcRun.Of("score", input, "--out", Output), $"{input}: line 3, field 'target_role': the text is not valid UTF-8");
    }

    [Fact]
    public void A_missing_file_is_bad_input_naming_the_file()
    {
        var input = temp.File("nowhere.csv");

        AssertRejected(RcRun.Of("score", input, "--out", Output), $"{input}: cannot read the file");
    }

    [Fact]
    public void A_directory_given_as_the_file_is_bad_input()
    {
        AssertRejected(RcRun.Of("score", temp.Path, "--out", Output), $"{temp.Path}: cannot read the file");
    }

    [Fact]
    public void Compare_rejects_a_bad_second_wave_without_writing_anything()
    {
        var before = temp.Write("before.csv", $"{Header}\n{Good}\n");
        var after = temp.Write("after.csv", $"{Header}\n{Good}\nr2,Nurses,Physicians,4,4,4,4,4,4,9\n");

        AssertRejected(RcRun.Of("compare", before, after, "--out", Output), $"{after}: line 3, field 'mutual_respect': score 9 is outside 1–5");
    }

    [Theory]
    [InlineData("option --out <dir> is required")]
    [InlineData("option --min-group-size: '2' is not a whole number of at least 3", "--min-group-size", "2")]
    [InlineData("option -k: 'five' is not a whole number of at least 3", "-k", "five")]
    [InlineData("unknown option '--fast'", "--fast")]
    [InlineData("option --out needs a value", "--out")]
    public void Bad_options_exit_2_and_say_which(string message, params string[] options)
    {
        var input = temp.Write("ok.csv", $"{Header}\n{Good}\n");
        string[] args = ["score", input, .. options];
        if (!options.Contains("--out"))
        {
            args = message.StartsWith("option --out", StringComparison.Ordinal) ? args : [.. args, "--out", Output];
        }

        AssertRejected(RcRun.Of(args), message);
    }

    [Fact]
    public void A_failed_run_leaves_earlier_results_in_the_output_directory_as_they_were()
    {
        var input = temp.Write("ok.csv", $"{Header}\n{Good}\n");
        Directory.CreateDirectory(Output);
        File.WriteAllText(Path.Combine(Output, "ties.csv"), "earlier results");
        Directory.CreateDirectory(Path.Combine(Output, "summary.csv"));   // cannot be replaced by a file

        var run = RcRun.Of("score", input, "--out", Output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("summary.csv there is a directory", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("earlier results", File.ReadAllText(Path.Combine(Output, "ties.csv")));
        Assert.Equal(["ties.csv"], Directory.GetFiles(Output).Select(Path.GetFileName));
    }

    [Fact]
    public void An_unknown_command_exits_2()
    {
        var run = RcRun.Of("plot", "x.csv");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown command 'plot'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_path_that_is_a_file_exits_2()
    {
        var input = temp.Write("ok.csv", $"{Header}\n{Good}\n");
        var blocker = temp.Write("blocker", "not a directory");

        var run = RcRun.Of("score", input, "--out", blocker);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a file, not a directory", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("not a directory", File.ReadAllText(blocker));
    }

    [Fact]
    public async Task The_real_executable_exits_2_and_prints_to_stderr()
    {
        var input = temp.Write("bad.csv", $"{Header}\n{Good}\nr2,Nurses,Physicians,4,4,4,4,4,7,4\n");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "rc.dll"), "score", input, "--out", Output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Equal($"rc: error: {input}: line 3, field 'shared_knowledge': score 7 is outside 1–5", stderr.TrimEnd());
        Assert.False(Directory.Exists(Output));
    }

    public void Dispose() => temp.Dispose();

    private string Output => temp.File("results");

    private void AssertRejected(RcRun run, string message)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("rc: error: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
        // No result file at all: the output directory is not even created.
        Assert.False(Directory.Exists(Output), "the output directory was created");
    }
}
