using System.Globalization;
using System.Text;

namespace RelationalCoordination.Load;

public static class Report
{
    /// <summary>
    /// <c>report --csv FILE</c>: the runs of a CSV (the last one of each mode and concurrency) as a
    /// markdown table, with each mode's throughput as a ratio of the PostgreSQL-only baseline at the
    /// same concurrency, and the targets. With <c>--paced</c> (runs whose clients pause between
    /// requests) the throughput is what the clients offer, not what the app can take: no ratio then.
    /// </summary>
    public static int Print(Options options)
    {
        var runs = File.ReadLines(options.Required("csv")).Skip(1).Where(l => l.Length > 0).Select(Result.Parse)
            .GroupBy(r => (r.Mode, r.Concurrency)).ToDictionary(g => g.Key, g => g.Last());
        var paced = options.Get("paced") is not null;
        string F(double v) => double.IsNaN(v) ? "–" : v.ToString(v >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine("| mode | concurrent | responses/s | p50 / p95 / p99 (ms) | ÷ pg responses/s | all requests/s | all requests p50 / p95 / p99 (ms) | errors |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        // Each mode against the baseline that writes what it writes: the API against one transaction
        // per response, the pages against their own sequence of writes.
        static string BaselineOf(string mode) => mode == "respondent" ? "pg-pages" : "pg";
        foreach (var mode in new[] { "api", "respondent", "pg", "pg-pages" })
        {
            foreach (var r in runs.Values.Where(r => r.Mode == mode).OrderBy(r => r.Concurrency))
            {
                var ratio = !paced && !mode.StartsWith("pg", StringComparison.Ordinal) && runs.TryGetValue((BaselineOf(mode), r.Concurrency), out var pg) ? (r.PerSecond / pg.PerSecond).ToString("0.00", CultureInfo.InvariantCulture) : "";
                var requests = mode == "respondent"
                    ? (F(r.Request.Count / r.Duration), $"{F(r.Request.P50)} / {F(r.Request.P95)} / {F(r.Request.P99)}")
                    : ("", "");
                var latency = $"{F(r.Unit.P50)} / {F(r.Unit.P95)} / {F(r.Unit.P99)}";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {(mode == "respondent" ? "respondent (submit)" : mode)} | {r.Concurrency} | {F(r.PerSecond)} | {latency} | {ratio} | {requests.Item1} | {requests.Item2} | {r.Errors} |");
            }
        }

        var at = options.Int("target-concurrency", 200);
        text.AppendLine();
        foreach (var mode in new[] { "api", "respondent" })
        {
            if (runs.TryGetValue((mode, at), out var r))
            {
                var what = mode == "respondent" ? "the final submit" : "a response";
                var latency = FormattableString.Invariant($"- {mode}, {at} concurrent: p95 of {what} {F(r.Unit.P95)} ms — target < 100 ms {(r.Unit.P95 < 100 ? "met" : "NOT met")}");
                var throughput = paced ? $"; {F(r.PerSecond)} responses/s, the pace the clients set"
                    : runs.TryGetValue((BaselineOf(mode), at), out var pg)
                    ? FormattableString.Invariant($"; throughput {F(r.PerSecond)}/s = {r.PerSecond / pg.PerSecond:0.00} × PostgreSQL-only ({BaselineOf(mode)}, {F(pg.PerSecond)}/s) — target ≥ 0.5 {(r.PerSecond >= pg.PerSecond / 2 ? "met" : "NOT met")}")
                    : "";
                text.AppendLine(latency + throughput);
            }
        }

        Console.Write(text.ToString());
        return 0;
    }
}
