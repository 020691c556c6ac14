using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RelationalCoordination.Load;

/// <summary>
/// The measured window of a run: a warm-up whose samples are dropped, then a fixed duration. A
/// sample counts when its request (or transaction) <em>ends</em> inside the window; throughput is
/// the units completed inside it over its length.
/// </summary>
public sealed class Window(double warmupSeconds, double durationSeconds)
{
    private readonly long from = Stopwatch.GetTimestamp() + (long)(warmupSeconds * Stopwatch.Frequency);

    public double WarmupSeconds => warmupSeconds;

    public double DurationSeconds => durationSeconds;

    private long To => from + (long)(durationSeconds * Stopwatch.Frequency);

    public bool Running => Stopwatch.GetTimestamp() < To;

    public bool Measures(long end) => end >= from && end < To;
}

/// <summary>One virtual respondent: its own samples (no locks between workers), merged at the end.</summary>
public sealed class Worker(int index, Window window, int seed)
{
    public int Index => index;

    public Random Random { get; } = new(seed);

    public long Sequence { get; set; }

    /// <summary>Latency of each completed unit: an API request, a final submit, a PostgreSQL transaction.</summary>
    public List<long> Units { get; } = [];

    /// <summary>Latency of every HTTP request (the respondent flow's pages).</summary>
    public List<long> Requests { get; } = [];

    public int Completed { get; private set; }

    public int Errors { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>
    /// A person reading and tapping, or a kiosk between two respondents: waits 0.5 to 1.5 times
    /// <paramref name="thinkMs"/> (nothing when it is 0, the next request as soon as one ends).
    /// </summary>
    public Task ThinkAsync(double thinkMs) =>
        thinkMs > 0 ? Task.Delay(TimeSpan.FromMilliseconds(thinkMs * (0.5 + Random.NextDouble()))) : Task.CompletedTask;

    public void Unit(long start, long end)
    {
        if (window.Measures(end))
        {
            Units.Add(end - start);
        }
    }

    public void Request(long start, long end)
    {
        if (window.Measures(end))
        {
            Requests.Add(end - start);
        }
    }

    public void Complete(long end)
    {
        if (window.Measures(end))
        {
            Completed++;
        }
    }

    public void Error(Exception e)
    {
        Errors++;
        LastError = e is LoadException ? e.Message : $"{e.GetType().Name}: {e.Message}";
    }
}

/// <summary>An answer the load generator did not expect (a status, a page without its form).</summary>
public sealed class LoadException(string message) : Exception(message);

/// <summary>Exact percentiles (nearest rank) of sorted samples, in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<long> ticks)
    {
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        double At(double p) => sorted.Length == 0 ? double.NaN
            : Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);
        return new(sorted.Length, At(0.50), At(0.95), At(0.99), sorted.Length == 0 ? double.NaN : Ms(sorted[^1]));
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public string Text => FormattableString.Invariant($"p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms");
}

public sealed record Result(string Mode, int Concurrency, double Warmup, double Duration, int Completed, Percentiles Unit, Percentiles Request, int Errors, string? Error)
{
    public double PerSecond => Completed / Duration;

    public string Line => Mode == "respondent"
        ? FormattableString.Invariant($"respondent c={Concurrency}: {PerSecond:0.0} responses/s ({Completed} in {Duration:0} s); submit {Unit.Text}; all {Request.Count} requests ({Request.Count / Duration:0} /s) {Request.Text}; errors {Errors}{ErrorNote}")
        : FormattableString.Invariant($"{Mode} c={Concurrency}: {PerSecond:0.0} responses/s ({Completed} in {Duration:0} s); {Unit.Text}, max {Unit.Max:0} ms; errors {Errors}{ErrorNote}");

    private string ErrorNote => Error is null ? "" : $" (last: {Error})";

    public const string CsvHeader = "mode,concurrency,warmup_s,duration_s,completed,per_s,p50_ms,p95_ms,p99_ms,max_ms,requests,req_p50_ms,req_p95_ms,req_p99_ms,errors";

    public string CsvRow => string.Join(',', new object[]
    {
        Mode, Concurrency, Warmup, Duration, Completed, Math.Round(PerSecond, 1), Math.Round(Unit.P50, 1), Math.Round(Unit.P95, 1), Math.Round(Unit.P99, 1),
        Math.Round(Unit.Max, 1), Request.Count, Math.Round(Request.P50, 1), Math.Round(Request.P95, 1), Math.Round(Request.P99, 1), Errors,
    }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    public static Result Parse(string row)
    {
        var f = row.Split(',');
        double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        int I(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
        return new(f[0], I(1), D(2), D(3), I(4), new(I(4), D(6), D(7), D(8), D(9)), new(I(10), D(11), D(12), D(13), double.NaN), I(14), null);
    }
}

public static class Runner
{
    /// <summary>
    /// Runs <paramref name="concurrency"/> workers, each repeating <paramref name="iteration"/> until the
    /// window ends; a failed iteration is counted and followed by a short pause (a refused connection
    /// would otherwise spin).
    /// </summary>
    public static async Task<Result> RunAsync(string mode, Options options, Func<Worker, Task> iteration)
    {
        var concurrency = options.Int("concurrency", 50);
        var window = new Window(options.Double("warmup", 5), options.Double("duration", 20));
        var backoff = TimeSpan.FromSeconds(options.Double("error-backoff", 0.1));
        var seed = options.Int("seed", Environment.TickCount);
        var workers = Enumerable.Range(0, concurrency).Select(i => new Worker(i, window, HashCode.Combine(seed, i))).ToArray();
        await Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            while (window.Running)
            {
                try
                {
                    await iteration(w);
                }
                catch (Exception e) when (e is HttpRequestException or LoadException or TaskCanceledException or IOException or Npgsql.NpgsqlException)
                {
                    w.Error(e);
                    await Task.Delay(backoff);
                }
            }
        })));
        var result = new Result(mode, concurrency, window.WarmupSeconds, window.DurationSeconds, workers.Sum(w => w.Completed),
            Percentiles.Of(workers.SelectMany(w => w.Units)), Percentiles.Of(workers.SelectMany(w => w.Requests)),
            workers.Sum(w => w.Errors), workers.Select(w => w.LastError).LastOrDefault(e => e is not null));
        Console.WriteLine(FormattableString.Invariant($"{result.Line}; generator CPU {Environment.CpuUsage.TotalTime.TotalSeconds:0.0} s"));
        if (options.Get("csv") is { } csv)
        {
            var header = !File.Exists(csv) || new FileInfo(csv).Length == 0;
            await File.AppendAllTextAsync(csv, (header ? Result.CsvHeader + "\n" : "") + result.CsvRow + "\n", Encoding.UTF8);
        }

        return result;
    }
}
