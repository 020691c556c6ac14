using System.Globalization;
using System.Text;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Formats;

/// <summary>The rows of a responses file after the header: each read, checked and added as one observation.</summary>
internal static class ResponsesCsvRow
{
    /// <summary>Reads the next record, naming the column of a quoting error by its header.</summary>
    public static bool Next(CsvRecordReader reader, string[] header)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvInputException e) when (e.FieldIndex is { } index && index < header.Length)
        {
            throw e.WithField(header[index].Trim());
        }
    }

    /// <summary>
    /// Checks the current row and adds it to <paramref name="builder"/>, or throws its first problem
    /// with its line and field; <paramref name="scores"/> is a buffer reused from row to row.
    /// </summary>
    public static void Add(
        CsvRecordReader reader, string[] header, int[] columns, int width, ResponseSetBuilder builder, int?[] scores,
        Func<string, string, ResponseError?>? checkRoles, CsvTextFields textFields)
    {
        var line = reader.RecordLine;
        if (reader.FieldCount != width)
        {
            throw reader.FieldCount < width
                ? new CsvInputException(line, header[reader.FieldCount].Trim(), $"expected {width} fields as in the header, found {reader.FieldCount}")
                : new CsvInputException(line, null, $"expected {width} fields as in the header, found {reader.FieldCount}: field {width + 1} has no column");
        }

        for (var k = 0; k < Dimensions.Count; k++)
        {
            scores[k] = ParseScore(reader[columns[3 + k]], line, ResponsesCsv.Columns[3 + k]);
        }

        var id = Text(reader[columns[0]]);
        var role = Text(reader[columns[1]]);
        var target = Text(reader[columns[2]]);
        if (checkRoles?.Invoke(role.ToString(), target.ToString()) is { } rejected)
        {
            throw new CsvInputException(line, rejected.Field, rejected.Message);
        }

        ItemScores.TryCreate(scores, out var itemScores, out _);
        if (builder.Add(id, role, target, itemScores, line) is { } error)
        {
            throw new CsvInputException(line, error.Field, error.Message);
        }

        ReadOnlySpan<char> Text(ReadOnlySpan<char> field) =>
            textFields == CsvTextFields.NeutraliseFormulas ? CsvFormulas.Restore(field.Trim()) : field.Trim();
    }

    private static int? ParseScore(ReadOnlySpan<char> value, int line, string field)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var score))
        {
            throw new CsvInputException(
                line, field, $"\"{Shorten(value)}\" is not a whole number from 1 to 5 (leave the field empty for \"not applicable\")");
        }

        if (score is < ItemScores.MinScore or > ItemScores.MaxScore)
        {
            throw new CsvInputException(line, field, $"score {score} is outside 1–5");
        }

        return score;
    }

    private static string Shorten(ReadOnlySpan<char> value)
    {
        const int Max = 40;
        var builder = new StringBuilder();
        foreach (var c in value.Length > Max ? value[..Max] : value)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return value.Length > Max ? builder.Append('…').ToString() : builder.ToString();
    }
}
