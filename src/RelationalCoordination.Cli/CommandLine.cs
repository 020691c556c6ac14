using System.Globalization;

using RelationalCoordination.Domain.Scoring;

namespace RelationalCoordination.Cli;

/// <summary>The parsed arguments of one command: its files, --out, and the scoring options.</summary>
internal sealed class CommandLine
{
    private readonly string help;
    private readonly bool helpRequested;

    private CommandLine(string help, bool helpRequested, IReadOnlyList<string> positionals, string outputDirectory, ScoringOptions options)
    {
        this.help = help;
        this.helpRequested = helpRequested;
        Positionals = positionals;
        OutputDirectory = outputDirectory;
        Options = options;
    }

    public IReadOnlyList<string> Positionals { get; }

    public string OutputDirectory { get; }

    public ScoringOptions Options { get; }

    public bool HelpShown(TextWriter stdout)
    {
        if (helpRequested)
        {
            stdout.Write(help);
        }

        return helpRequested;
    }

    public static CommandLine Parse(string[] args, int positionals, string help)
    {
        var files = new List<string>();
        string? output = null;
        var minGroupSize = ScoringOptions.DefaultMinGroupSize;
        var anonymous = false;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "--help" or "-h":
                    return new CommandLine(help, true, [], "", ScoringOptions.Default);
                case "--out" or "-o":
                    output = Value(args, ref i, name, inlineValue);
                    break;
                case "--min-group-size" or "-k":
                    var text = Value(args, ref i, name, inlineValue);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out minGroupSize)
                        || minGroupSize < ScoringOptions.LowestMinGroupSize)
                    {
                        throw new UsageException(
                            $"option {name}: '{text}' is not a whole number of at least {ScoringOptions.LowestMinGroupSize}");
                    }

                    break;
                case "--anonymous":
                    anonymous = true;
                    break;
                case "--":
                    files.AddRange(args[(i + 1)..]);
                    i = args.Length;
                    break;
                default:
                    if (name.StartsWith('-') && name.Length > 1)
                    {
                        throw new UsageException($"unknown option '{name}' (see --help)");
                    }

                    files.Add(args[i]);
                    break;
            }
        }

        if (files.Count != positionals)
        {
            throw new UsageException(
                $"expected {positionals} input file{(positionals == 1 ? "" : "s")}, got {files.Count} (see --help)");
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            throw new UsageException("option --out <dir> is required: the directory for the result files (see --help)");
        }

        return new CommandLine(help, false, files, output, new ScoringOptions(minGroupSize, anonymous));
    }

    private static (string Name, string? InlineValue) Split(string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var eq)
        {
            return (arg[..eq], arg[(eq + 1)..]);
        }

        return (arg, null);
    }

    private static string Value(string[] args, ref int i, string name, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }

        if (i + 1 >= args.Length)
        {
            throw new UsageException($"option {name} needs a value (see --help)");
        }

        return args[++i];
    }
}
