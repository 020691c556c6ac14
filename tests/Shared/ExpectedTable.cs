using System.Globalization;

using RelationalCoordination.Domain.Formats;

using Xunit;

namespace RelationalCoordination.Tests.Common;

/// <summary>
/// A table of expected figures read from the reference data (R output: every field quoted,
/// "NA" or empty for an undefined value, rows in no particular order), keyed by its key columns.
/// </summary>
public sealed class ExpectedTable
{
    /// <summary>Agreement required between two implementations of the method.</summary>
    public const double Tolerance = 1e-9;

    private ExpectedTable(string[] columns, string[] keyColumns, Dictionary<string, Dictionary<string, string>> rows)
    {
        Columns = columns;
        KeyColumns = keyColumns;
        Rows = rows;
    }

    public string[] Columns { get; }

    public string[] KeyColumns { get; }

    public Dictionary<string, Dictionary<string, string>> Rows { get; }

    public IEnumerable<string> ValueColumns => Columns.Except(KeyColumns);

    /// <summary>Each scored reference data set: its responses and the folder of its expected figures.</summary>
    public static TheoryData<string, string> DataSets => new()
    {
        { "tiny/responses.csv", "tiny/expected" },
        { "hospital/wave1.csv", "hospital/expected" },
        { "hospital/wave2.csv", "hospital/expected-wave2" },
    };

    public static string ReferencePath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "reference", .. parts]);

    public static ExpectedTable Load(string path, params string[] keyColumns)
    {
        var records = CsvRecordReader.ReadAll(File.ReadAllText(path)).ToList();
        var columns = records[0];
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var row = columns.Zip(record).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            rows.Add(Key(keyColumns.Select(k => row[k])), row);
        }

        return new ExpectedTable(columns, keyColumns, rows);
    }

    /// <summary>
    /// The figures as an anonymous report must publish them (the R output of
    /// <c>expected-anonymous-k5</c> still lists what anonymity withholds): for each row whose
    /// <paramref name="countColumn"/> is below <paramref name="k"/>, <paramref name="blanked"/>
    /// become undefined — or every value column, when none are named.
    /// </summary>
    public ExpectedTable Withholding(string countColumn, int k, params string[] blanked)
    {
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (key, row) in Rows)
        {
            var copy = new Dictionary<string, string>(row, StringComparer.Ordinal);
            if (Number(row[countColumn]) < k)
            {
                foreach (var column in blanked.Length > 0 ? blanked : ValueColumns)
                {
                    copy[column] = "";
                }
            }

            rows.Add(key, copy);
        }

        return new ExpectedTable(Columns, KeyColumns, rows);
    }

    public static string Key(IEnumerable<string> parts) => string.Join(" → ", parts);

    public static string Key(params string[] parts) => Key((IEnumerable<string>)parts);

    /// <summary>A figure as a number, or null when undefined.</summary>
    public static double? Number(string text) =>
        text is "" or "NA" ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// Asserts that every figure of every expected row agrees with <paramref name="actual"/>
    /// (undefined with undefined, numbers within <see cref="Tolerance"/>), and that both hold the
    /// same rows. Returns how many figures were compared.
    /// </summary>
    public int AssertAgrees(IReadOnlyDictionary<string, Func<string, double?>> actual, string what)
    {
        Assert.Equal(Rows.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var compared = 0;
        var failures = new List<string>();
        foreach (var (key, row) in Rows)
        {
            foreach (var column in ValueColumns)
            {
                var expected = Number(row[column]);
                var value = actual[key](column);
                compared++;
                var agrees = (expected, value) switch
                {
                    (null, null) => true,
                    ({ } e, { } a) => Math.Abs(e - a) <= Tolerance,
                    _ => false,
                };
                if (!agrees)
                {
                    failures.Add($"{what} {key} {column}: expected {row[column]}, got {value?.ToString("R", CultureInfo.InvariantCulture) ?? "(undefined)"}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(compared > 0, $"{what}: nothing was compared");
        return compared;
    }
}
