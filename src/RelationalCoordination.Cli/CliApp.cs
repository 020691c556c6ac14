using System.Reflection;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Domain.Scoring;

namespace RelationalCoordination.Cli;

/// <summary>
/// The <c>rc</c> command line. Exit codes: 0 done; 2 bad input or usage (one line on stderr naming
/// the file, line and field, and no output file written); 1 an internal error.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int InternalError = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            return Dispatch(args, stdout);
        }
        catch (UsageException e)
        {
            stderr.WriteLine(OneLine($"rc: error: {e.Message}"));
            return BadInput;
        }
#pragma warning disable CA1031 // The last resort: report any failure as one line and an exit code, never a stack dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine(OneLine($"rc: internal error: {e.GetType().Name}: {e.Message}"));
            return InternalError;
        }
    }

    private static int Dispatch(string[] args, TextWriter stdout)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            var topic = args.Length > 1 && args[0] == "help" ? args[1] : null;
            stdout.Write(topic switch
            {
                "score" => HelpText.Score,
                "compare" => HelpText.Compare,
                _ => HelpText.Main,
            });
            return Ok;
        }

        if (args[0] is "--version")
        {
            stdout.WriteLine($"rc {typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");
            return Ok;
        }

        return args[0] switch
        {
            "score" => Score(CommandLine.Parse(args[1..], positionals: 1, HelpText.Score), stdout),
            "compare" => Compare(CommandLine.Parse(args[1..], positionals: 2, HelpText.Compare), stdout),
            _ => throw new UsageException($"unknown command '{args[0]}'; the commands are 'score' and 'compare' (see rc --help)"),
        };
    }

    private static int Score(CommandLine command, TextWriter stdout)
    {
        if (command.HelpShown(stdout))
        {
            return Ok;
        }

        var path = command.Positionals[0];
        var responses = ReadResponses(path);
        if (responses.ObservationCount == 0)
        {
            throw new UsageException($"{path}: line 2: the file holds a header but no responses");
        }

        var result = ScoringEngine.Score(responses, command.Options);
        OutputDirectory.WriteAll(command.OutputDirectory,
        [
            ("ties.csv", writer => ResultsCsv.WriteTies(writer, result.Ties, CsvTextFields.Verbatim)),
            ("roles.csv", writer => ResultsCsv.WriteRoles(writer, result.Roles, CsvTextFields.Verbatim)),
            ("summary.csv", writer => ResultsCsv.WriteSummary(writer, result.Summary, CsvTextFields.Verbatim)),
        ]);

        var suppressed = result.Ties.Count(t => t.Suppressed);
        stdout.WriteLine(
            $"Scored {responses.ObservationCount} observations from {responses.RespondentCount} respondents in {responses.Roles.Length} roles: " +
            $"{result.Ties.Length} ties, {suppressed} below the minimum group size of {command.Options.MinGroupSize}" +
            (command.Options.Anonymous ? " (reported anonymously)." : "."));
        stdout.WriteLine($"Wrote ties.csv, roles.csv and summary.csv to {Path.GetFullPath(command.OutputDirectory)}");
        return Ok;
    }

    private static int Compare(CommandLine command, TextWriter stdout)
    {
        if (command.HelpShown(stdout))
        {
            return Ok;
        }

        var before = ReadResponses(command.Positionals[0]);
        var after = ReadResponses(command.Positionals[1]);
        var changes = WaveComparison.Compare(before, after, command.Options);
        OutputDirectory.WriteAll(command.OutputDirectory, [("compare.csv", writer => ResultsCsv.WriteCompare(writer, changes, CsvTextFields.Verbatim))]);

        var significant = changes.Count(c => c.IsSignificant);
        stdout.WriteLine($"Compared {changes.Length} ties present in both waves; {significant} changed significantly (Benjamini-Hochberg adjusted p < 0.05).");
        stdout.WriteLine($"Wrote compare.csv to {Path.GetFullPath(command.OutputDirectory)}");
        return Ok;
    }

    private static ResponseSet ReadResponses(string path)
    {
        ReadOnlyMemory<byte> bytes;
        IDisposable? mapping;
        try
        {
            (bytes, mapping) = MappedFile.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{path}: cannot read the file: {e.Message}");
        }

        using (mapping)
        {
            try
            {
                return ResponsesCsv.Parse(bytes);
            }
            catch (CsvInputException e)
            {
                throw new UsageException($"{path}: {e.Message}");
            }
        }
    }

    // A role name may hold a line break; the error report stays one line.
    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ");
}

/// <summary>Bad input or a bad command line: reported as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
