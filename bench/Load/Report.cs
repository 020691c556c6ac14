using System.Globalization;
using System.Text;

namespace RelationalCoordination.Load;

public static class Report
{
    /// <summary>
    /// <c>report --csv FILE</c>: the runs of a CSV as a markdown table, with each mode's throughput as
    /// a ratio of the PostgreSQL-only baseline at the same concurrency, and the targets. A mode and
    /// concurrency run several times (<c>load.sh --repeat</c>) shows its median run, the range of its
    /// throughput, and the median of the ratios of runs made one after the other. With
    /// <c>--paced</c> (clients that pause between requests, the baselines as much) the throughput is
    /// the pace the clients set, and the ratio says whether the app kept that pace as PostgreSQL did.
    /// </summary>
    public static int Print(Options options)
    {
        var all = File.ReadLines(options.Required("csv")).Skip(1).Where(l => l.Length > 0).Select(Result.Parse).ToList();
        var runs = all.GroupBy(r => (r.Mode, r.Concurrency)).ToDictionary(g => g.Key, g => g.ToList());
        var paced = options.Get("paced") is not null;
        string F(double v) => double.IsNaN(v) ? "–" : v.ToString(v >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        // The run whose throughput is the median (the lower middle one of an even count): its latencies are shown.
        static Result MedianRun(List<Result> list) => list.OrderBy(r => r.PerSecond).ElementAt((list.Count - 1) / 2);

        // Each mode against the baseline that writes what it writes: the API against one transaction
        // per response, the pages against their own sequence of writes. Repeated runs alternate the
        // modes, so the i-th run of a mode is divided by the i-th run of its baseline: both saw the
        // same state of the machine as nearly as can be.
        static string BaselineOf(string mode) => mode == "respondent" ? "pg-pages" : "pg";
        double Ratio(string mode, int concurrency) =>
            runs.TryGetValue((mode, concurrency), out var list) && runs.TryGetValue((BaselineOf(mode), concurrency), out var pg)
                ? Median(list.Zip(pg, (r, b) => r.PerSecond / b.PerSecond))
                : double.NaN;

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| mode | concurrent | runs | responses/s (range) | p50 / p95 / p99 (ms) | ÷ its baseline{(paced ? " at the same pace" : "")} | all requests/s | all requests p50 / p95 / p99 (ms) | errors |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var mode in new[] { "api", "respondent", "pg", "pg-pages" })
        {
            foreach (var ((_, concurrency), list) in runs.Where(r => r.Key.Mode == mode).OrderBy(r => r.Key.Concurrency))
            {
                var r = MedianRun(list);
                var range = list.Count > 1 ? $" ({F(list.Min(x => x.PerSecond))}–{F(list.Max(x => x.PerSecond))})" : "";
                var ratio = mode.StartsWith("pg", StringComparison.Ordinal) ? "" : Ratio(mode, concurrency) is var q && double.IsNaN(q) ? "" : q.ToString("0.00", CultureInfo.InvariantCulture);
                var requests = mode == "respondent"
                    ? (F(r.Request.Count / r.Duration), $"{F(r.Request.P50)} / {F(r.Request.P95)} / {F(r.Request.P99)}")
                    : ("", "");
                var latency = $"{F(r.Unit.P50)} / {F(r.Unit.P95)} / {F(r.Unit.P99)}";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {(mode == "respondent" ? "respondent (submit)" : mode)} | {concurrency} | {list.Count} | {F(r.PerSecond)}{range} | {latency} | {ratio} | {requests.Item1} | {requests.Item2} | {list.Sum(x => x.Errors)} |");
            }
        }

        var at = options.Int("target-concurrency", 200);
        text.AppendLine();
        foreach (var mode in new[] { "api", "respondent" })
        {
            if (runs.TryGetValue((mode, at), out var list))
            {
                var r = MedianRun(list);
                var what = mode == "respondent" ? "the final submit" : "a response";
                var latency = FormattableString.Invariant($"- {mode}, {at} concurrent{(paced ? " (paced)" : "")}: p95 of {what} {F(r.Unit.P95)} ms — target < 100 ms {(r.Unit.P95 < 100 ? "met" : "NOT met")}");
                var ratio = Ratio(mode, at);
                var throughput = double.IsNaN(ratio)
                    ? ""
                    : FormattableString.Invariant($"; throughput {F(r.PerSecond)}/s = {ratio:0.00} × PostgreSQL-only ({BaselineOf(mode)}{(paced ? " at the same pace" : "")}, median of {Math.Min(list.Count, runs[(BaselineOf(mode), at)].Count)}) — target ≥ 0.5 {(ratio >= 0.5 ? "met" : "NOT met")}");
                text.AppendLine(latency + throughput);
            }
        }

        Console.Write(text.ToString());
        return 0;
    }
}
