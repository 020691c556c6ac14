using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Results;

/// <summary>What the results page tests share: the reference wave, the engine's result for it, and reading figures out of the pages' HTML.</summary>
internal static partial class ResultsPages
{
    internal static readonly string Wave1 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave1.csv"));

    /// <summary>The engine's anonymous result for wave 1 at k = 5, computed here from the file.</summary>
    internal static ScoringResult Engine() =>
        ScoringEngine.Score(ResponsesCsv.Parse(Wave1, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true));

    /// <summary>Each heatmap cell's text, by (row role id, column role id) from its detail link (or position).</summary>
    internal static Dictionary<(Guid, Guid), string> Cells(string html)
    {
        var body = Regex.Match(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(body, "<tr>(.*?)</tr>", RegexOptions.Singleline);
        var cells = new Dictionary<(Guid, Guid), string>();
        var unlinked = 0;
        foreach (Match row in rows)
        {
            foreach (Match cell in Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline))
            {
                var link = Regex.Match(cell.Value, "href=\"tie\\?from=([0-9a-f]{32})&amp;to=([0-9a-f]{32})\"");
                var key = link.Success ? (Guid.Parse(link.Groups[1].Value), Guid.Parse(link.Groups[2].Value)) : (Guid.Empty, new Guid(unlinked++, 0, 0, new byte[8]));
                cells[key] = WebUtility.HtmlDecode(Regex.Replace(cell.Groups[1].Value, "<[^>]+>", "")).Trim();
            }
        }

        return cells;
    }

    /// <summary>The body rows of a table, each as its cells' text joined by " | ".</summary>
    internal static List<string> Rows(string html, string tableId)
    {
        var table = Regex.Match(html, $"<table id=\"{tableId}\"[^>]*>.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Regex.Matches(table, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline).Select(row => string.Join(" | ",
            Regex.Matches(row.Groups[1].Value, "<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)
                .Select(c => Squash(WebUtility.HtmlDecode(Regex.Replace(c.Groups[1].Value, "<[^>]+>", " ")))))) ];
    }

    internal static string F2(double? value) => value?.ToString("F2", CultureInfo.InvariantCulture) ?? "—";

    internal static string MainOf(string html) => Regex.Match(html, "<main>(.*)</main>", RegexOptions.Singleline).Value;

    internal static string Squash(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A figure as the pages print one: a decimal point between digits.</summary>
    [GeneratedRegex(@"\d\.\d")]
    internal static partial Regex NumberPattern();
}
