using System.Net;
using System.Text.RegularExpressions;

using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>What the language tests share: finding English left on a page that should be Danish.</summary>
internal static partial class PageLanguage
{
    /// <summary>English words that a Danish page has no business showing (outside the survey's own texts).</summary>
    [GeneratedRegex(@"\b(the|The|and|of|with|are|this|This|these|from|From|how|How|which|what|What|when|people|ties|shown|experience|rated|between|within|roles|Results|Role|weak|strong|moderate|wave|Wave)\b")]
    internal static partial Regex EnglishWord();

    /// <summary>
    /// What a reader meets on a page, without the survey's own texts (role names, the work process are
    /// data) and what the page marks as English (<c>lang="en"</c>: text kept as it was written, such as
    /// the audit log's details or a CSV file's problems): the main part's text and the labels read
    /// aloud (aria-label, title, data-label, alt, placeholder).
    /// </summary>
    internal static string DanishText(string html)
    {
        var main = Regex.Replace(MainOf(html), @"<(\w+)\b[^>]*\blang=""en""[^>]*>.*?</\1>", " ", RegexOptions.Singleline);
        var labels = Regex.Matches(main, "(?:aria-label|title|data-label|alt|placeholder)=\"([^\"]*)\"").Select(m => m.Groups[1].Value);
        var text = Squash(WebUtility.HtmlDecode(Regex.Replace(main, "<[^>]+>", " ")) + " " + WebUtility.HtmlDecode(string.Join(" ", labels)));
        foreach (var data in ImportExportTests.HospitalRoles.Append("discharging a patient"))
        {
            text = text.Replace(data, "·", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The English words left in <paramref name="text"/>, each once.</summary>
    internal static List<string> EnglishLeft(string text) => [.. EnglishWord().Matches(text).Select(m => m.Value).Distinct()];
}
