using System.Globalization;

using RelationalCoordination.Domain.Formats;

namespace RelationalCoordination.Tests.Common;

/// <summary>
/// The item figures an anonymous report publishes (decision 25), worked out here the plain way from
/// a responses file — a second implementation to hold the engine to — and laid over the R reference
/// output, whose dimension means follow the spec's non-anonymous definition (every observation).
/// A reportable tie publishes its dimension means and rwg(j) over its complete observations (all
/// seven items), and only when those are at least k and its other scored observations (4–6 items)
/// are none or at least k.
/// </summary>
public static class AnonymousItemFigures
{
    private static readonly string[] Items = ["frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"];

    /// <summary>Each tie's observations (from role → to role) as seven answers, null where not answered.</summary>
    public static Dictionary<string, List<int?[]>> Observations(string responsesPath)
    {
        var records = CsvRecordReader.ReadAll(File.ReadAllText(responsesPath)).ToList();
        var header = records[0].ToList();
        int role = header.IndexOf("role"), target = header.IndexOf("target_role");
        var items = Items.Select(item => header.IndexOf(item)).ToArray();
        var ties = new Dictionary<string, List<int?[]>>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var key = ExpectedTable.Key(record[role], record[target]);
            if (!ties.TryGetValue(key, out var list))
            {
                ties[key] = list = [];
            }

            list.Add([.. items.Select(i => record[i] is "" or "NA" ? (int?)null : int.Parse(record[i], CultureInfo.InvariantCulture))]);
        }

        return ties;
    }

    /// <summary>Whether decision 25 lets a tie with these observations publish its item figures at minimum group size k.</summary>
    public static bool Reportable(List<int?[]> observations, int k)
    {
        var n = observations.Count(o => o.Count(x => x is not null) >= 4);
        var m = observations.Count(o => o.All(x => x is not null));
        return n >= k && m >= k && (n == m || n - m >= k);
    }

    /// <summary>rwg(j) over the complete observations (at least two), as the spec defines it.</summary>
    public static double? RwgJ(List<int?[]> observations)
    {
        var complete = observations.Where(o => o.All(x => x is not null)).ToList();
        if (complete.Count < 2)
        {
            return null;
        }

        var meanVariance = Enumerable.Range(0, Items.Length).Average(i =>
        {
            var values = complete.Select(o => (double)o[i]!.Value).ToList();
            var mean = values.Average();
            return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        });
        var ratio = Math.Min(meanVariance, 2.0) / 2.0;
        return Items.Length * (1 - ratio) / ((Items.Length * (1 - ratio)) + ratio);
    }

    /// <summary>
    /// Sets, in place, the dimension means of every reportable tie of <paramref name="ties"/> as an
    /// anonymous report publishes them: over its complete observations, or blank where withheld.
    /// </summary>
    public static ExpectedTable OverCompleteObservations(this ExpectedTable ties, string responsesPath, int k)
    {
        ArgumentNullException.ThrowIfNull(ties);
        var observations = Observations(responsesPath);
        foreach (var (key, row) in ties.Rows)
        {
            var tie = observations[key];
            if (tie.Count(o => o.Count(x => x is not null) >= 4) < k)
            {
                continue;
            }

            var complete = tie.Where(o => o.All(x => x is not null)).ToList();
            for (var i = 0; i < Items.Length; i++)
            {
                row[Items[i]] = Reportable(tie, k)
                    ? complete.Average(o => (double)o[i]!.Value).ToString("R", CultureInfo.InvariantCulture)
                    : "";
            }
        }

        return ties;
    }

    /// <summary>
    /// Sets, in place, the summary's rwg_j_mean and rwg_j_median to those of the ties that publish
    /// rwg(j): reportable, with their item figures not withheld.
    /// </summary>
    public static ExpectedTable WithPublishedRwgJ(this ExpectedTable summary, string responsesPath, int k)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var values = Observations(responsesPath).Values.Where(tie => Reportable(tie, k)).Select(RwgJ).OfType<double>().Order().ToList();
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        summary.Rows["rwg_j_mean"]["value"] = values.Average().ToString("R", CultureInfo.InvariantCulture);
        summary.Rows["rwg_j_median"]["value"] = median.ToString("R", CultureInfo.InvariantCulture);
        return summary;
    }
}
