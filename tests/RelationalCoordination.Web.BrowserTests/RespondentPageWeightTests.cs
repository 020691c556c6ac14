using System.Diagnostics;

using Deque.AxeCore.Playwright;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using RelationalCoordination.Web.Data;

using Xunit;
using Xunit.Abstractions;

using static RelationalCoordination.Web.BrowserTests.RespondentJourneys;

namespace RelationalCoordination.Web.BrowserTests;

/// <summary>
/// What a respondent's phone downloads, in Chromium: a question page is small enough for a weak
/// connection and asks nothing of a third party.
/// </summary>
public sealed class RespondentPageWeightTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page the test opened kept to the Content-Security-Policy.</summary>
    public void Dispose() => app.AssertNoContentSecurityPolicyViolations();

    /// <summary>A question page, HTML and CSS, must arrive in fewer bytes than this on a weak connection.</summary>
    private const int PageBudget = 60 * 1024;

    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    public async Task A_question_page_arrives_in_under_60_KB_with_no_third_party_requests(int roleCount)
    {
        var (_, key) = await SurveyAsync($"Page weight, {roleCount} roles", roleCount);
        await using var context = await app.NewContextAsync(BrowserApp.Phone());
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/s/{key}");
        await page.Locator("label.option").First.TapAsync();
        await page.Locator("#start").TapAsync();
        await UrlAsync(page, "/q/1$");
        // Question 1's stylesheet and script must have finished before counting starts, or their
        // late events are counted with question 4's (a clean-clone run counted them twice).
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // A cold load: routing every request turns the browser's cache off.
        var requests = new List<IRequest>();
        page.RequestFinished += (_, request) => requests.Add(request);
        await context.RouteAsync("**/*", route => route.ContinueAsync());
        await page.GotoAsync($"/s/{key}/q/4");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var sizes = new List<(string Url, long Bytes)>();
        foreach (var request in requests)
        {
            var size = await request.SizesAsync();
            sizes.Add((request.Url, size.ResponseHeadersSize + size.ResponseBodySize));
        }

        var total = sizes.Sum(s => s.Bytes);
        output.WriteLine($"Question page, {roleCount} rated roles, cold load: {total:N0} bytes in {sizes.Count} requests");
        foreach (var (url, bytes) in sizes)
        {
            output.WriteLine($"  {bytes,8:N0}  {url}");
        }

        Assert.All(sizes, s => Assert.StartsWith(app.BaseUrl, s.Url, StringComparison.Ordinal));
        Assert.Contains(sizes, s => s.Url.Contains("/css/site", StringComparison.Ordinal));
        Assert.InRange(total, 1, PageBudget);
    }

    private Task<(Guid Id, string Key)> SurveyAsync(string title, int roleCount = 10) => RespondentJourneys.SurveyAsync(app, title, roleCount);
}
