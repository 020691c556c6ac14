namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// How a <see cref="CsvWriter"/> writes text fields (numbers are always written as numbers), and
/// how <see cref="ResponsesCsv"/> reads names back.
/// </summary>
public enum CsvTextFields
{
    /// <summary>
    /// Text exactly as given: for a researcher's own data (the command-line scorer), where a
    /// changed name would no longer match the researcher's files.
    /// </summary>
    Verbatim,

    /// <summary>
    /// Text that a spreadsheet would run as a formula — beginning with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, tab or carriage return — is written with a leading single quote, as
    /// OWASP's CSV injection guidance recommends: for files made from names other people typed
    /// (the web app). So that the quote can be undone exactly, text that already begins with
    /// single quotes followed by one of those characters gets one more. Reading with this
    /// option removes that one quote again.
    /// </summary>
    NeutraliseFormulas,
}

/// <summary>The single quote that keeps a spreadsheet from running a text field as a formula.</summary>
public static class CsvFormulas
{
    /// <summary>The characters a spreadsheet takes as the start of a formula.</summary>
    public const string Triggers = "=+-@\t\r";

    /// <summary>
    /// True when <paramref name="text"/>, after any leading single quotes, begins with a formula
    /// trigger: a spreadsheet would run it (or, with the quotes, it could be mistaken for
    /// neutralised text).
    /// </summary>
    public static bool NeedsQuote(ReadOnlySpan<char> text)
    {
        var rest = text.TrimStart('\'');
        return !rest.IsEmpty && Triggers.Contains(rest[0]);
    }

    /// <summary>The text as a spreadsheet may safely show it: a single quote in front when <see cref="NeedsQuote"/>.</summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NeedsQuote(text) ? "'" + text : text;
    }

    /// <summary>Undoes <see cref="Neutralise"/>: text written by it comes back exactly as it was given.</summary>
    public static ReadOnlySpan<char> Restore(ReadOnlySpan<char> text) =>
        text.Length > 1 && text[0] == '\'' && NeedsQuote(text) ? text[1..] : text;
}
