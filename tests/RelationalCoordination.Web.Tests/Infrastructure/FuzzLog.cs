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

/// <summary>
/// What one fuzz test sent and what went wrong: every answer is checked, and the failures are
/// reported together at the end, so one run shows them all, not just the first.
/// </summary>
internal sealed class FuzzLog(ITestOutputHelper output)
{
    private readonly List<string> failures = [];
    private int sent;

    /// <summary>How many answers were checked so far.</summary>
    internal int Sent => sent;

    internal void Check(string what, HttpStatusCode status, string body)
    {
        sent++;
        if ((int)status >= 500)
        {
            failures.Add($"{what} → {(int)status}: {body[..Math.Min(body.Length, 300)]}");
        }
        else if ((int)status >= 400 && string.IsNullOrWhiteSpace(body))
        {
            failures.Add($"{what} → {(int)status} with an empty body");
        }
    }

    /// <summary>A failure the test found itself, beyond a 5xx or an empty refusal.</summary>
    internal void Fail(string failure) => failures.Add(failure);

    internal void Report()
    {
        output.WriteLine($"{sent} generated requests checked, seed {FuzzInputs.Seed}");
        Assert.True(sent > 100, "too few requests were checked");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} bad inputs were mishandled:\n" + string.Join("\n", failures.Take(30)));
    }
}
