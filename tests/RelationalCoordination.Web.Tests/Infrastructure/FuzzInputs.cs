using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Pages;

using Xunit;
using Xunit.Abstractions;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>The fuzz tests' inputs: a fixed seed, values no field expects, and ways to pick and show them.</summary>
internal static class FuzzInputs
{
    internal const int Seed = 20261125;

    /// <summary>Values no field expects.</summary>
    internal static readonly string[] Nasty =
    [
        "", " ", "\0", "a\0b", "\u0001\u0002\u001f", "\u007f", "\u0085", "\r\n\r\n", "\t", "\uFEFF", "\uFFFE", "\uFFFF", "\u202Eevil",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "'; DROP TABLE \"Surveys\"; --", "%00", "%", "%%",
        "../../etc/passwd", "..\\..\\", "{{7*7}}", "${jndi:ldap://x}", "-1", "0", "2147483648", "-2147483649", "1e309", "NaN", "Infinity",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "true", "null", "[]", "{}", "🙂", "👩‍⚕️", "Ω≈ç√∫", "日本語", "\u0301",
        new string('x', 10_000), new string('é', 300), string.Concat(Enumerable.Repeat("a,b\"c\n", 1000)),
    ];

    /// <summary>
    /// In a path, everything but U+0000: Kestrel answers 400 to a NUL in the path before the app
    /// sees the request, and the in-memory test host refuses to send one at all.
    /// </summary>
    internal static readonly string[] InPaths = [.. Nasty.Where(v => !v.Contains('\0', StringComparison.Ordinal))];

    internal static string Value(Random random) =>
        random.Next(3) == 0 ? Pick(random, Nasty) : random.Next(2) == 0 ? random.Next(-3, 200).ToString(System.Globalization.CultureInfo.InvariantCulture) : Pick(random, Nasty) + Pick(random, Nasty);

    internal static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    internal static string Show(IEnumerable<KeyValuePair<string, string>> form) =>
        string.Join("&", form.Select(f => $"{f.Key}={(f.Value.Length > 30 ? f.Value[..30] + "…" : f.Value)}")).Replace("\0", "\\0", StringComparison.Ordinal);
}
