using System.Globalization;

namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// Writes RFC 4180 CSV: CRLF line ends, a field quoted only when it holds a comma, quote or line
/// break, numbers in invariant culture with round-trip precision, undefined values empty. Text
/// fields are written as <see cref="CsvTextFields"/> says; numbers never change.
/// </summary>
public sealed class CsvWriter
{
    private readonly TextWriter writer;
    private readonly CsvTextFields textFields;
    private bool atRowStart = true;

    /// <summary>Writes to <paramref name="writer"/>, text fields as <paramref name="textFields"/> says.</summary>
    public CsvWriter(TextWriter writer, CsvTextFields textFields)
    {
        this.writer = writer ?? throw new ArgumentNullException(nameof(writer));
        this.textFields = textFields;
    }

    /// <summary>
    /// Writes a text field, quoting it when needed and, with
    /// <see cref="CsvTextFields.NeutraliseFormulas"/>, with a leading single quote when a
    /// spreadsheet would run it as a formula.
    /// </summary>
    public CsvWriter Field(string? value)
    {
        Separate();
        if (value is null)
        {
            return this;
        }

        if (textFields == CsvTextFields.NeutraliseFormulas)
        {
            value = CsvFormulas.Neutralise(value);
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
        }
        else
        {
            writer.Write('"');
            writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }

        return this;
    }

    /// <summary>Writes a number with round-trip precision, or an empty field for null.</summary>
    public CsvWriter Field(double? value)
    {
        Separate();
        if (value is { } v)
        {
            writer.Write(v.ToString("R", CultureInfo.InvariantCulture));
        }

        return this;
    }

    /// <summary>Writes an integer, or an empty field for null.</summary>
    public CsvWriter Field(int? value)
    {
        Separate();
        if (value is { } v)
        {
            writer.Write(v.ToString(CultureInfo.InvariantCulture));
        }

        return this;
    }

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    public CsvWriter Field(bool value) => Field(value ? "true" : "false");

    /// <summary>Writes a whole row of text fields.</summary>
    public void Row(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Field(value);
        }

        EndRow();
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        writer.Write("\r\n");
        atRowStart = true;
    }

    private void Separate()
    {
        if (!atRowStart)
        {
            writer.Write(',');
        }

        atRowStart = false;
    }
}
