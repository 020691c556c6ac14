using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// Reading what a results view published so that two surveys' views can be compared byte for byte:
/// ids become names or are blanked, zip files are read entry by entry, CSV is asked for by Accept.
/// </summary>
internal static partial class PublishedViews
{
    internal static async Task<byte[]> CsvAsync(HttpClient api, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await api.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    internal static string Name(string page, Dictionary<string, Guid> roles) =>
        roles.Aggregate(page, (name, role) => name.Replace(role.Value.ToString(), role.Key, StringComparison.Ordinal));

    internal static string Normalise(byte[] body, Guid survey, Dictionary<string, Guid> roles)
    {
        if (body.AsSpan().StartsWith("PK"u8))
        {
            using var zip = new ZipArchive(new MemoryStream(body));
            return string.Join("\n", zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).Select(e =>
            {
                using var reader = new StreamReader(e.Open());
                return $"== {e.FullName}\n{Normalise(Encoding.UTF8.GetBytes(reader.ReadToEnd()), survey, roles)}";
            }));
        }

        var text = Encoding.UTF8.GetString(body);
        text = text.Replace(survey.ToString(), "SURVEY", StringComparison.OrdinalIgnoreCase).Replace(survey.ToString("N"), "SURVEY", StringComparison.OrdinalIgnoreCase);
        foreach (var (name, role) in roles)
        {
            text = text.Replace(role.ToString(), $"ROLE:{name}", StringComparison.OrdinalIgnoreCase).Replace(role.ToString("N"), $"ROLE:{name}", StringComparison.OrdinalIgnoreCase);
        }

        // Any other id (another survey offered for comparison) says nothing about answers.
        // OpenXML names a workbook's parts with random relationship ids.
        return RelationshipId().Replace(AnyId().Replace(AntiforgeryToken().Replace(text, "$1TOKEN"), "ID"), "RID");
    }

    internal static string FirstDifference(string a, string b)
    {
        var at = a.Zip(b).TakeWhile(p => p.First == p.Second).Count();
        return $"…{a[Math.Max(0, at - 120)..Math.Min(a.Length, at + 120)]}…\nagainst\n…{b[Math.Max(0, at - 120)..Math.Min(b.Length, at + 120)]}…";
    }

    /// <summary>The address of a share link, as the links page shows it once made.</summary>
    [GeneratedRegex("""id="link">http://localhost(/r/[^<]+)<""")]
    internal static partial Regex SharedLink();

    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    internal static partial Regex AnyId();

    [GeneratedRegex(@"\bR[0-9a-f]{16}\b")]
    internal static partial Regex RelationshipId();

    [GeneratedRegex("""(name="__RequestVerificationToken" type="hidden" value=")[^"]+""")]
    internal static partial Regex AntiforgeryToken();
}
