using Deque.AxeCore.Playwright;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using RelationalCoordination.Web.Demo;

using Xunit;

namespace RelationalCoordination.Web.BrowserTests;

/// <summary>
/// A facilitator leads a feedback session on the demo's second wave, on a projector (1366 × 768)
/// and on a phone: makes the session, takes the room's predictions, reveals the results, then the
/// strengths, the weak ties, the next steps and the printable report — each step checked for
/// sideways scrolling, text under 12 px and axe. With <c>RC_SCREENSHOTS</c> naming a folder, the
/// docs' screenshots of the session are taken here (docs/images/feedback-session-*.png).
/// </summary>
public sealed class FeedbackSessionJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page the test opened kept to the Content-Security-Policy.</summary>
    public void Dispose() => app.AssertNoContentSecurityPolicyViolations();

    [Theory]
    [InlineData("laptop")]
    [InlineData("phone")]
    public async Task A_facilitator_leads_a_feedback_session_from_predictions_to_the_printed_report(string device)
    {
        var here = await DemoWaveAsync();
        await using var context = await app.NewContextAsync(device == "phone" ? BrowserApp.Phone() : new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        async Task CheckAsync(string name)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), $"{name} scrolls sideways on a {device}");
            if (device == "phone")
            {
                var scroller = await page.EvaluateAsync<string>(PageChecks.SidewaysScroller);
                Assert.True(scroller == "", $"{name} has a box that scrolls sideways on a phone: {scroller}");
            }

            var smallest = await page.EvaluateAsync<string>(PageChecks.SmallestText);
            var size = double.Parse(smallest[..smallest.IndexOf('|', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(size >= 12, $"{name} on a {device}: text of {smallest}");
            var result = await page.RunAxe();
            Assert.NotEmpty(result.Passes);
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{name}: {v.Impact} {v.Id} — {v.Help} ({string.Join("; ", v.Nodes.Select(n => n.Html))})"));
        }

        async Task ScreenshotAsync(string name)
        {
            if (Environment.GetEnvironmentVariable("RC_SCREENSHOTS") is { Length: > 0 } folder)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"feedback-session-{name}-{device}.png"), FullPage = false });
            }
        }

        try
        {
            await ResultsJourneyTests.SignInAsDemoAsync(page);
            await page.GotoAsync($"{here}/results");
            await page.ClickAsync("#sessions-link");
            await page.ClickAsync("#new-session");
            await page.FillAsync("#Input_Name", "Ward meeting, December");
            await page.FillAsync("#Input_HeldOn", "2026-12-15");
            await page.ClickAsync("#create-session");

            // 1. Ground rules: no menu, a way out, the step's number.
            await page.WaitForSelectorAsync("#step-ground");
            Assert.Equal("Step 1 of 6", (await page.InnerTextAsync("#step-count")).Trim());
            Assert.Equal(0, await page.Locator("#menu").CountAsync());
            Assert.True(await page.Locator("#leave-session").IsVisibleAsync());
            Assert.Contains("not of who is to blame", await page.InnerTextAsync("#ground"), StringComparison.Ordinal);
            await CheckAsync("ground rules");
            await page.ClickAsync("#next-step");

            // 2. The room's own map: a prediction for some ties, a blank (don't know) for the rest.
            await page.WaitForSelectorAsync("form#predictions");
            var selects = page.Locator("form#predictions select");
            Assert.Equal(56, await selects.CountAsync());
            string[] bands = ["strong", "moderate", "weak", "strong", "moderate", "weak", "strong"];
            for (var i = 0; i < bands.Length; i++)
            {
                await selects.Nth(i * 8).SelectOptionAsync(bands[i]);
            }

            await CheckAsync("predictions");
            await ScreenshotAsync("predict");
            await page.ClickAsync("#next-step");

            // 3. The reveal: the predictions beside the results, the differences marked.
            await page.WaitForSelectorAsync("#reveal");
            Assert.Equal(7, await page.Locator("#reveal tbody tr").CountAsync());
            Assert.True(await page.Locator("#reveal tr.differs").CountAsync() > 0);
            await CheckAsync("reveal");
            await ScreenshotAsync("reveal");

            // 4. Strengths, reached with the arrow key on a laptop (session.js), a link on a phone.
            if (device == "laptop")
            {
                await page.Keyboard.PressAsync("ArrowRight");
            }
            else
            {
                await page.ClickAsync("#next-step");
            }

            await page.WaitForSelectorAsync("#strongest");
            Assert.Equal(5, await page.Locator("#strongest li").CountAsync());
            Assert.True(await page.Locator("#improved li").CountAsync() > 0);
            await CheckAsync("strengths");
            await ScreenshotAsync("strengths");
            await page.ClickAsync("#next-step");

            // 5. How we work together: the weak ties, each with its conversation guide.
            await page.WaitForSelectorAsync("#weakest");
            Assert.Equal(5, await page.Locator("#weakest li a").CountAsync());
            Assert.Equal(5, await page.Locator("#interdependence li").CountAsync());
            await CheckAsync("how we work together");
            await ScreenshotAsync("together");
            await page.ClickAsync("#next-step");

            // 6. Next steps, then the printable report.
            await page.WaitForSelectorAsync("#suggestions");
            Assert.True(await page.Locator("#suggestions > li").CountAsync() > 1);
            await CheckAsync("next steps");
            await page.ClickAsync("#next-step");
            await page.WaitForSelectorAsync("#step-next");
            Assert.Equal(7, await page.Locator("#reveal tbody tr").CountAsync());
            await CheckAsync("printable report");
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            Assert.False(await page.Locator(".screen-only").First.IsVisibleAsync());
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            var text = await page.InnerTextAsync("body", new() { Timeout = 5000 });
            throw new InvalidOperationException($"{e.Message}\nat {page.Url}:\n{text[..Math.Min(text.Length, 1500)]}", e);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_session_runs_without_scripts_and_an_arrow_key_in_a_prediction_stays_in_the_prediction()
    {
        var here = await DemoWaveAsync();
        await using var context = await app.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 768 }, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await ResultsJourneyTests.SignInAsDemoAsync(page);
        await page.GotoAsync($"{here}/sessions/new");
        await page.FillAsync("#Input_Name", "Without scripts");
        await page.ClickAsync("#create-session");
        await page.WaitForSelectorAsync("#step-ground");
        Assert.False(await page.Locator("#full-screen").IsVisibleAsync());
        await page.ClickAsync("#next-step");
        await page.Locator("form#predictions select").First.SelectOptionAsync("weak");
        await page.ClickAsync("#next-step");
        await page.WaitForSelectorAsync("#reveal");
        Assert.Equal(1, await page.Locator("#reveal tbody tr").CountAsync());

        // With scripts: an arrow key pressed in a prediction changes the prediction, not the step.
        await using var scripted = await app.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 768 } });
        var other = await scripted.NewPageAsync();
        await ResultsJourneyTests.SignInAsDemoAsync(other);
        await other.GotoAsync(page.Url.Replace("/step/3", "/step/2", StringComparison.Ordinal));
        await other.Locator("form#predictions select").Nth(1).FocusAsync();
        await other.Keyboard.PressAsync("ArrowRight");
        Assert.EndsWith("/step/2", other.Url, StringComparison.Ordinal);
        Assert.True(await other.Locator("#full-screen").IsVisibleAsync());
    }

    /// <summary>The demo's second wave (its first is the earlier wave), as the path of its pages.</summary>
    private async Task<string> DemoWaveAsync()
    {
        await app.Services.SeedDemoAsync();
        var survey = await app.QueryAsync(db => db.Surveys.Where(s => s.Title == "Discharging a patient — wave 2").Select(s => new { s.Id, s.OrganisationId }).SingleAsync());
        return $"/orgs/{survey.OrganisationId}/surveys/{survey.Id}";
    }
}
