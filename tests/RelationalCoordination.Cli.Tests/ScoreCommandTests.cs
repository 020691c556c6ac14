using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Tests.Common;

using Xunit;

namespace RelationalCoordination.Cli.Tests;

/// <summary>Golden output: <c>rc score</c> and <c>rc compare</c> on the reference data reproduce every figure to 1e-9.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Score_reads_a_pipe_as_it_reads_a_file()
    {
        // rc score <(zcat wave1.csv.gz) hands rc a pipe, which cannot be mapped like a file.
        var reference = ExpectedTable.ReferencePath("hospital", "wave1.csv");
        var pipe = temp.File("wave1.pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var writer = Task.Run(() => File.WriteAllBytes(pipe, File.ReadAllBytes(reference)));
        var fromPipe = RcRun.Of("score", pipe, "--out", temp.File("from-pipe"));
        await writer;
        var fromFile = RcRun.Of("score", reference, "--out", temp.File("from-file"));

        Assert.Equal((0, ""), (fromPipe.ExitCode, fromPipe.Stderr));
        foreach (var name in new[] { "ties.csv", "roles.csv", "summary.csv" })
        {
            Assert.Equal(File.ReadAllText(temp.File($"from-file/{name}")), File.ReadAllText(temp.File($"from-pipe/{name}")));
        }
    }

    [Theory]
    [MemberData(nameof(ExpectedTable.DataSets), MemberType = typeof(ExpectedTable))]
    public void Score_writes_ties_roles_and_summary_that_agree_with_the_reference(string responses, string expected)
    {
        var output = temp.File("out");

        var run = RcRun.Of("score", ExpectedTable.ReferencePath(responses), "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal(["roles.csv", "summary.csv", "ties.csv"], Directory.GetFiles(output).Select(Path.GetFileName).Order());

        var ties = Written(output, "ties.csv", ResultsCsv.TieColumns, "from_role", "to_role");
        ExpectedTable.Load(ExpectedTable.ReferencePath(expected, "ties.csv"), "from_role", "to_role").AssertAgrees(ties.Figures, "ties.csv");
        var roles = Written(output, "roles.csv", ResultsCsv.RoleColumns, "role");
        ExpectedTable.Load(ExpectedTable.ReferencePath(expected, "roles.csv"), "role").AssertAgrees(roles.Figures, "roles.csv");
        var summary = Written(output, "summary.csv", ["metric", "value"], "metric");
        ExpectedTable.Load(ExpectedTable.ReferencePath(expected, "summary.csv"), "metric").AssertAgrees(summary.Figures, "summary.csv");

        // band and suppressed are not in the R output: derive them from tie_strength and n (k = 5).
        foreach (var row in ties.Rows.Values)
        {
            var strength = ExpectedTable.Number(row["tie_strength"])!.Value;
            Assert.Equal(strength < 3.5 ? "weak" : strength < 4.0 ? "moderate" : "strong", row["band"]);
            Assert.Equal(int.Parse(row["n"], System.Globalization.CultureInfo.InvariantCulture) < 5 ? "true" : "false", row["suppressed"]);
        }
    }

    [Fact]
    public void Compare_writes_changes_that_agree_with_the_reference()
    {
        var output = temp.File("change");

        var run = RcRun.Of(
            "compare", ExpectedTable.ReferencePath("hospital/wave1.csv"), ExpectedTable.ReferencePath("hospital/wave2.csv"), "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["compare.csv"], Directory.GetFiles(output).Select(Path.GetFileName));
        var changes = Written(output, "compare.csv", ResultsCsv.CompareColumns, "from_role", "to_role");
        ExpectedTable.Load(ExpectedTable.ReferencePath("hospital/expected", "compare.csv"), "from_role", "to_role")
            .AssertAgrees(changes.Figures, "compare.csv");
    }

    [Fact]
    public void Rows_are_ordered_by_role_names_ordinally()
    {
        var output = temp.File("out");
        RcRun.Of("score", ExpectedTable.ReferencePath("hospital/wave1.csv"), "--out", output);

        var ties = CsvRecordReader.ReadAll(File.ReadAllText(Path.Combine(output, "ties.csv"))).Skip(1).Select(r => (r[0], r[1])).ToList();
        var roles = CsvRecordReader.ReadAll(File.ReadAllText(Path.Combine(output, "roles.csv"))).Skip(1).Select(r => r[0]).ToList();

        Assert.Equal(ties.OrderBy(t => t.Item1, StringComparer.Ordinal).ThenBy(t => t.Item2, StringComparer.Ordinal), ties);
        Assert.Equal(roles.Order(StringComparer.Ordinal), roles);
    }

    [Fact]
    public void Anonymous_scoring_agrees_with_the_anonymous_reference_and_publishes_nothing_below_k()
    {
        var output = temp.File("anon");

        var run = RcRun.Of("score", ExpectedTable.ReferencePath("hospital/wave1.csv"), "--out", output, "--anonymous", "--min-group-size", "5");

        Assert.Equal(0, run.ExitCode);
        const string Expected = "hospital/expected-anonymous-k5";
        var ties = Written(output, "ties.csv", ResultsCsv.TieColumns, "from_role", "to_role");
        // Dimension means as decision 25 publishes them (tests/Shared/AnonymousItemFigures).
        ExpectedTable.Load(ExpectedTable.ReferencePath(Expected, "ties.csv"), "from_role", "to_role").Withholding("n", 5)
            .OverCompleteObservations(ExpectedTable.ReferencePath("hospital/wave1.csv"), 5)
            .AssertAgrees(ties.Figures, "ties.csv");
        var roles = Written(output, "roles.csv", ResultsCsv.RoleColumns, "role");
        ExpectedTable.Load(ExpectedTable.ReferencePath(Expected, "roles.csv"), "role").Withholding("respondents", 5, "respondents")
            .AssertAgrees(roles.Figures, "roles.csv");
        var summary = Written(output, "summary.csv", ["metric", "value"], "metric");
        ExpectedTable.Load(ExpectedTable.ReferencePath(Expected, "summary.csv"), "metric")
            .WithPublishedRwgJ(ExpectedTable.ReferencePath("hospital/wave1.csv"), 5).AssertAgrees(summary.Figures, "summary.csv");

        // A suppressed tie's row keeps its roles and suppressed = true; everything else, n included, is empty.
        var suppressed = ties.Rows.Values.Where(row => row["suppressed"] == "true").ToList();
        Assert.NotEmpty(suppressed);
        Assert.All(suppressed, row => Assert.All(ResultsCsv.TieColumns.Skip(2).SkipLast(1), column => Assert.Equal("", row[column])));
    }

    [Fact]
    public void Score_tells_what_it_did_and_where_the_files_are()
    {
        var output = temp.File("out");

        var run = RcRun.Of("score", ExpectedTable.ReferencePath("tiny/responses.csv"), "-o", output, "-k", "3");

        Assert.Contains("Scored 35 observations from 12 respondents in 3 roles", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("minimum group size of 3", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(output), run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_names_with_commas_quotes_html_and_other_scripts_survive_into_the_results()
    {
        var input = temp.Write("roles.csv",
            "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n" +
            "r1,\"Læger, \"\"on call\"\"\",<b>护士</b>,4,4,4,4,4,4,4\n" +
            "r2,<b>护士</b>,أطباء,3,3,3,3,3,3,3\n");
        var output = temp.File("out");

        Assert.Equal(0, RcRun.Of("score", input, "--out", output).ExitCode);

        var roles = CsvRecordReader.ReadAll(File.ReadAllText(Path.Combine(output, "roles.csv"))).Skip(1).Select(r => r[0]);
        Assert.Equal(["<b>护士</b>", "Læger, \"on call\"", "أطباء"], roles);
        Assert.Contains("\"Læger, \"\"on call\"\"\",<b>护士</b>,1,4,", File.ReadAllText(Path.Combine(output, "ties.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_windows_file_with_a_byte_order_mark_and_crlf_line_ends_scores_like_any_other()
    {
        var unix = File.ReadAllText(ExpectedTable.ReferencePath("tiny/responses.csv"));
        var windows = temp.File("windows.csv");
        File.WriteAllText(windows, "\uFEFF" + unix.ReplaceLineEndings("\r\n"), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        Assert.Equal(0, RcRun.Of("score", ExpectedTable.ReferencePath("tiny/responses.csv"), "--out", temp.File("unix")).ExitCode);
        Assert.Equal(0, RcRun.Of("score", windows, "--out", temp.File("windows")).ExitCode);

        foreach (var name in new[] { "ties.csv", "roles.csv", "summary.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(temp.File("unix"), name)), File.ReadAllText(Path.Combine(temp.File("windows"), name)));
        }
    }

    [Fact]
    public void A_second_run_replaces_the_results_of_the_first()
    {
        var output = temp.File("out");
        RcRun.Of("score", ExpectedTable.ReferencePath("hospital/wave1.csv"), "--out", output);

        var run = RcRun.Of("score", ExpectedTable.ReferencePath("tiny/responses.csv"), "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["roles.csv", "summary.csv", "ties.csv"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.Contains("\r\nroles,3\r\n", File.ReadAllText(Path.Combine(output, "summary.csv")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_explains_every_command_and_option(string flag)
    {
        var main = RcRun.Of(flag);
        var score = RcRun.Of("score", flag);
        var compare = RcRun.Of("compare", flag);

        Assert.All(new[] { main, score, compare }, run => Assert.Equal(0, run.ExitCode));
        Assert.Contains("rc score", main.Stdout, StringComparison.Ordinal);
        Assert.Contains("rc compare", main.Stdout, StringComparison.Ordinal);
        foreach (var option in new[] { "--out", "--min-group-size", "--anonymous", "--help" })
        {
            Assert.Contains(option, score.Stdout, StringComparison.Ordinal);
            Assert.Contains(option, compare.Stdout, StringComparison.Ordinal);
        }
    }

    public void Dispose() => temp.Dispose();

    private static (Dictionary<string, Dictionary<string, string>> Rows, Dictionary<string, Func<string, double?>> Figures) Written(
        string directory, string name, IReadOnlyList<string> columns, params string[] keys)
    {
        var records = CsvRecordReader.ReadAll(File.ReadAllText(Path.Combine(directory, name))).ToList();
        Assert.Equal(columns, records[0]);
        var rows = records.Skip(1)
            .Select(r => columns.Zip(r).ToDictionary(p => p.First, p => p.Second))
            .ToDictionary(row => ExpectedTable.Key(keys.Select(k => row[k])), StringComparer.Ordinal);
        var figures = rows.ToDictionary(
            p => p.Key,
            p => (Func<string, double?>)(column => ExpectedTable.Number(p.Value[columns.Contains(column) ? column : "value"])));
        return (rows, figures);
    }
}
