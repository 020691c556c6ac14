using System.Diagnostics;
using System.Globalization;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;

namespace RelationalCoordination.Benchmarks;

/// <summary>
/// Times each stage of <c>rc score</c> in-process — read the bytes, parse, score, write (to memory) —
/// and prints one tab-separated line: observations, then the median milliseconds of each stage.
/// </summary>
internal static class Stages
{
    public static int Measure(string[] args)
    {
        var path = args[0];
        var iterations = Workload.Int(args, "--iterations", 10);
        var read = new List<double>();
        var parse = new List<double>();
        var score = new List<double>();
        var write = new List<double>();
        var observations = 0;
        for (var i = 0; i <= iterations; i++)
        {
            // Start every iteration from a clean heap, so one stage does not pay for the last one's garbage.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var clock = Stopwatch.StartNew();
            var bytes = File.ReadAllBytes(path);
            var loaded = clock.Elapsed.TotalMilliseconds;

            clock.Restart();
            var responses = ResponsesCsv.Parse(bytes);
            var parsed = clock.Elapsed.TotalMilliseconds;

            clock.Restart();
            var result = ScoringEngine.Score(responses);
            var scored = clock.Elapsed.TotalMilliseconds;

            clock.Restart();
            using (var writer = new StringWriter(CultureInfo.InvariantCulture))
            {
                ResultsCsv.WriteTies(writer, result.Ties, CsvTextFields.Verbatim);
                ResultsCsv.WriteRoles(writer, result.Roles, CsvTextFields.Verbatim);
                ResultsCsv.WriteSummary(writer, result.Summary, CsvTextFields.Verbatim);
            }

            var written = clock.Elapsed.TotalMilliseconds;
            observations = responses.ObservationCount;
            if (i == 0)
            {
                continue; // The first run pays for JIT compilation; rc pays that once too, measured end to end.
            }

            read.Add(loaded);
            parse.Add(parsed);
            score.Add(scored);
            write.Add(written);
        }

        Console.WriteLine(FormattableString.Invariant(
            $"{observations}\t{Median(read):F1}\t{Median(parse):F1}\t{Median(score):F1}\t{Median(write):F1}"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
