namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// A strict RFC 4180 reader over text already in memory: comma separator, fields quoted with
/// <c>"</c> when they hold a comma, quote or line break, quotes inside doubled. Tracks the line on
/// which each record starts, so that errors can name it. Broken quoting is an error, not a guess.
/// </summary>
public sealed class CsvRecordReader
{
    private readonly string text;
    private readonly List<Field> fields = [];
    private int position;
    private int line = 1;

    /// <summary>Reads records from <paramref name="text"/>; a leading byte-order mark is skipped.</summary>
    public CsvRecordReader(string text)
    {
        this.text = text ?? throw new ArgumentNullException(nameof(text));
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            position = 1;
        }
    }

    /// <summary>The line on which the current record starts (1-based).</summary>
    public int RecordLine { get; private set; }

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount => fields.Count;

    /// <summary>
    /// Moves to the next record, skipping blank lines. False at the end of the text.
    /// </summary>
    /// <exception cref="CsvInputException">The quoting of the record is broken.</exception>
    public bool Read()
    {
        while (position < text.Length)
        {
            RecordLine = line;
            fields.Clear();
            ReadRecord();
            if (fields.Count > 1 || fields[0].Length > 0 || fields[0].Quoted)
            {
                return true;
            }
        }

        fields.Clear();
        return false;
    }

    /// <summary>One field of the current record, unquoted. Allocates only for fields with doubled quotes.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            var field = fields[index];
            var span = text.AsSpan(field.Start, field.Length);
            return field.HasEscapedQuotes ? span.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : span;
        }
    }

    /// <summary>All fields of the current record as strings.</summary>
    public string[] ToArray()
    {
        var values = new string[fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = this[i].ToString();
        }

        return values;
    }

    /// <summary>Reads every record of a text as string arrays.</summary>
    public static IEnumerable<string[]> ReadAll(string text)
    {
        var reader = new CsvRecordReader(text);
        while (reader.Read())
        {
            yield return reader.ToArray();
        }
    }

    private void ReadRecord()
    {
        while (true)
        {
            var fieldIndex = fields.Count;
            if (position < text.Length && text[position] == '"')
            {
                ReadQuoted(fieldIndex);
            }
            else
            {
                var start = position;
                var end = text.AsSpan(position).IndexOfAny(",\r\n\"");
                position = end < 0 ? text.Length : position + end;
                if (position < text.Length && text[position] == '"')
                {
                    throw new CsvInputException(
                        line, null, $"field {fieldIndex + 1} has a quote inside an unquoted value; quote the whole field and double the quote (\"\")")
                    {
                        FieldIndex = fieldIndex,
                    };
                }

                fields.Add(new Field(start, position - start, Quoted: false, HasEscapedQuotes: false));
            }

            if (position >= text.Length)
            {
                return;
            }

            var c = text[position++];
            if (c == ',')
            {
                continue;
            }

            if (c == '\r' && position < text.Length && text[position] == '\n')
            {
                position++;
            }

            line++;
            return;
        }
    }

    private void ReadQuoted(int fieldIndex)
    {
        var startLine = line;
        var start = ++position;
        var escaped = false;
        while (true)
        {
            var next = text.AsSpan(position).IndexOfAny('"', '\n');
            if (next < 0)
            {
                throw new CsvInputException(startLine, null, $"field {fieldIndex + 1} opens a quote that is never closed")
                {
                    FieldIndex = fieldIndex,
                };
            }

            position += next;
            if (text[position] == '\n')
            {
                line++;
                position++;
                continue;
            }

            if (position + 1 < text.Length && text[position + 1] == '"')
            {
                escaped = true;
                position += 2;
                continue;
            }

            break;
        }

        fields.Add(new Field(start, position - start, Quoted: true, HasEscapedQuotes: escaped));
        position++;
        if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
        {
            throw new CsvInputException(
                line, null, $"field {fieldIndex + 1} has text after its closing quote; double a quote inside a quoted field (\"\")")
            {
                FieldIndex = fieldIndex,
            };
        }
    }

    private readonly record struct Field(int Start, int Length, bool Quoted, bool HasEscapedQuotes);
}

/// <summary>Bad CSV input: the line and (when known) the field at fault, and what is wrong.</summary>
public sealed class CsvInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CsvInputException(int line, string? field, string reason)
        : base(field is null ? $"line {line}: {reason}" : $"line {line}, field '{field}': {reason}")
    {
        Line = line;
        Field = field;
        Reason = reason;
    }

    /// <summary>The 1-based line at fault.</summary>
    public int Line { get; }

    /// <summary>The field (column name) at fault, when known.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The 0-based position of the field at fault within its record, when known.</summary>
    public int? FieldIndex { get; init; }

    /// <summary>The same error, naming the field by its column name.</summary>
    public CsvInputException WithField(string field) => new(Line, field, Reason) { FieldIndex = FieldIndex };
}
