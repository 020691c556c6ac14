using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// The responses format: one row per observation,
/// <c>respondent_id,role,target_role,frequent,…,mutual_respect</c>, item scores 1–5 or empty.
/// </summary>
public static class ResponsesCsv
{
    /// <summary>The columns of the format, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["respondent_id", "role", "target_role", .. Dimensions.All.Select(d => d.Key())];

    /// <summary>
    /// Decodes UTF-8 bytes (with or without a byte-order mark), naming the line of the first
    /// invalid byte sequence.
    /// </summary>
    /// <exception cref="CsvInputException">The bytes are not valid UTF-8.</exception>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        // Validate first (vectorised, no allocation), then decode once straight into the string:
        // a 35 MB file costs one 70 MB string, not a char buffer and a copy of it.
        if (!Utf8.IsValid(bytes))
        {
            // Only on the error path: decode as far as the first invalid sequence to find its line.
            Utf8.ToUtf16(bytes, new char[bytes.Length], out var invalidAt, out _, replaceInvalidSequences: false);
            var line = bytes[..invalidAt].Count((byte)'\n') + 1;
            throw new CsvInputException(line, FieldAt(Encoding.UTF8.GetString(bytes[..invalidAt]), line), "the text is not valid UTF-8; save the file as UTF-8 CSV");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Parses a whole responses file, all or nothing: the first problem is thrown with its line and field.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="declaredRoles">Roles known in advance (a survey's roles), kept even without data.</param>
    /// <param name="textFields">
    /// <see cref="CsvTextFields.NeutraliseFormulas"/> to take names as the web app writes them, its
    /// neutralising single quote removed; <see cref="CsvTextFields.Verbatim"/> to take them as they are.
    /// </param>
    /// <exception cref="CsvInputException">A missing column, a malformed row, a score outside 1–5 or
    /// a non-integer, a respondent with two roles, or a duplicate respondent/target.</exception>
    public static ResponseSet Parse(string text, IEnumerable<string>? declaredRoles = null, CsvTextFields textFields = CsvTextFields.Verbatim)
    {
        var (responses, errors) = Validate(text, declaredRoles, maxErrors: 1, textFields: textFields);
        return responses ?? throw errors[0];
    }

    /// <summary>
    /// Parses a whole responses file and lists every problem (up to <paramref name="maxErrors"/>),
    /// each with its line and field, so that a file can be mended in one pass. Rows with a problem
    /// are skipped and checking goes on; a broken header or broken quoting ends it, since no later
    /// line can then be read reliably. The set is returned only when there is no problem at all.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="declaredRoles">Roles known in advance (a survey's roles), kept even without data.</param>
    /// <param name="maxErrors">Stop after this many problems.</param>
    /// <param name="checkRoles">
    /// An extra check of each row's role and target role (say, that both belong to a survey), or null.
    /// </param>
    /// <param name="textFields">
    /// <see cref="CsvTextFields.NeutraliseFormulas"/> to take ids and names as the web app writes
    /// them, its neutralising single quote removed (<see cref="CsvFormulas.Restore"/>);
    /// <see cref="CsvTextFields.Verbatim"/> to take them as they are.
    /// </param>
    public static (ResponseSet? Responses, IReadOnlyList<CsvInputException> Errors) Validate(
        string text, IEnumerable<string>? declaredRoles = null, int maxErrors = 100, Func<string, string, ResponseError?>? checkRoles = null,
        CsvTextFields textFields = CsvTextFields.Verbatim)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrors, 1);
        var errors = new List<CsvInputException>();
        var reader = new CsvRecordReader(text);
        try
        {
            if (!reader.Read())
            {
                throw new CsvInputException(1, null, $"the file is empty; the first line must be the header: {string.Join(',', Columns)}");
            }

            var columns = MapHeader(reader);
            var width = reader.FieldCount;
            var builder = new ResponseSetBuilder(declaredRoles);
            var scores = new int?[Dimensions.Count];
            var header = reader.ToArray();
            while (errors.Count < maxErrors && Next(reader, header))
            {
                try
                {
                    AddRow(reader, header, columns, width, builder, scores, checkRoles, textFields);
                }
                catch (CsvInputException e)
                {
                    errors.Add(e);
                }
            }

            return errors.Count == 0 ? (builder.Build(), errors) : (null, errors);
        }
        catch (CsvInputException e)
        {
            errors.Add(e);
            return (null, errors);
        }
    }

    private static void AddRow(
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
            scores[k] = ParseScore(reader[columns[3 + k]], line, Columns[3 + k]);
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

    /// <summary>
    /// Writes responses in the format, each respondent's id replaced by <paramref name="idFor"/>
    /// when given, ids and role names as <paramref name="textFields"/> says.
    /// </summary>
    public static void Write(TextWriter writer, ResponseSet responses, CsvTextFields textFields, Func<Respondent, string>? idFor = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(responses);
        var csv = new CsvWriter(writer, textFields);
        csv.Row(Columns);
        foreach (var respondent in responses.Respondents)
        {
            var id = idFor?.Invoke(respondent) ?? respondent.Id;
            foreach (var observation in respondent.Observations)
            {
                csv.Field(id).Field(respondent.Role).Field(observation.TargetRole);
                for (var k = 0; k < Dimensions.Count; k++)
                {
                    csv.Field(observation.Scores[k]);
                }

                csv.EndRow();
            }
        }
    }

    /// <summary>Reads the next record, naming the column of a quoting error by its header.</summary>
    private static bool Next(CsvRecordReader reader, string[] header)
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
    /// The column holding the end of <paramref name="validPrefix"/>, which stops on
    /// <paramref name="line"/> right before an invalid byte; null when it cannot be told.
    /// </summary>
    private static string? FieldAt(string validPrefix, int line)
    {
        try
        {
            var reader = new CsvRecordReader(validPrefix);
            string[]? header = null;
            var (lastLine, lastCount) = (0, 0);
            while (reader.Read())
            {
                header ??= reader.ToArray();
                (lastLine, lastCount) = (reader.RecordLine, reader.FieldCount);
            }

            if (header is null || line == 1)
            {
                return null;
            }

            // The prefix ends either inside the line's record or right at its start.
            var index = lastLine == line ? lastCount - 1 : 0;
            return index < header.Length ? header[index].Trim() : null;
        }
        catch (CsvInputException)
        {
            return null;
        }
    }

    private static int[] MapHeader(CsvRecordReader reader)
    {
        var positions = new int[Columns.Count];
        Array.Fill(positions, -1);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader[i].Trim().ToString();
            var column = -1;
            for (var c = 0; c < Columns.Count; c++)
            {
                if (string.Equals(Columns[c], name, StringComparison.OrdinalIgnoreCase))
                {
                    column = c;
                }
            }

            if (column < 0)
            {
                continue; // Extra columns (a researcher's own metadata) are ignored.
            }

            if (positions[column] >= 0)
            {
                throw new CsvInputException(reader.RecordLine, Columns[column], "the column appears twice in the header");
            }

            positions[column] = i;
        }

        for (var c = 0; c < Columns.Count; c++)
        {
            if (positions[c] < 0)
            {
                throw new CsvInputException(
                    reader.RecordLine, Columns[c], $"the header has no column '{Columns[c]}'; it must name {string.Join(',', Columns)}");
            }
        }

        return positions;
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
