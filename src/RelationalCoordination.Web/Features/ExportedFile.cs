using System.Globalization;
using System.Text;

namespace RelationalCoordination.Web.Features;

/// <summary>A file an action produced, for a page or an endpoint to send as it is.</summary>
public sealed record ExportedFile(byte[] Content, string ContentType, string FileName)
{
    public const string Csv = "text/csv; charset=utf-8";

    /// <summary>
    /// UTF-8, with a byte-order mark when <paramref name="byteOrderMark"/>: Excel reads a CSV
    /// without one in the computer's legacy code page ("LÃ¦ger"); R's read.csv, pandas
    /// (utf-8-sig) and LibreOffice read either.
    /// </summary>
    public static UTF8Encoding Utf8(bool byteOrderMark) => new(byteOrderMark);

    /// <summary>Text as UTF-8 bytes, with the byte-order mark first when asked.</summary>
    public static byte[] Utf8Bytes(string text, bool byteOrderMark) => [.. Utf8(byteOrderMark).GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>
    /// A download's name that says whose it is: two waves of one work process or two surveys'
    /// files in one Downloads folder must not collide or need renaming ("discharging-a-patient-wave-2-results-2026-12-03.xlsx").
    /// </summary>
    public static string NameFor(string surveyTitle, int wave, string what, string extension, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(surveyTitle);
        var slug = Slug(surveyTitle);
        // A title that already names its wave ("… — wave 2") says it once.
        var waveText = slug.Contains("wave", StringComparison.Ordinal) || slug.Contains("bølge", StringComparison.Ordinal) ? "" : $"-wave-{wave.ToString(CultureInfo.InvariantCulture)}";
        var day = date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{(slug.Length == 0 ? "survey" : slug)}{waveText}-{what}-{day}.{extension}";
    }

    // Letters and digits of any script stay (the header carries a UTF-8 filename*); everything else
    // becomes one dash, and the name is cut at 60 characters so a long title stays a usable file name.
    private static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString();
        return (text.Length > 60 ? text[..60] : text).Trim('-');
    }
}
