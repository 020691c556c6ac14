using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Xunit;

namespace RelationalCoordination.Web.OutsideInTests;

// What the tests use to talk to the running app: HTTP clients, browser contexts and screens, the demo sign-in, screenshots.
public sealed partial class RunShApp
{
    /// <summary>An HTTP client that asks as a browser does and leaves decompression to the test.</summary>
    public HttpClient NewHttpClient() => new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(BaseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>A new browser context with generous timeouts: CI machines are small and busy.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= Laptop();
        options.BaseURL = BaseUrl;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>A laptop screen, 1280 px wide unless said otherwise.</summary>
    public static BrowserNewContextOptions Laptop(int width = 1280, int height = 900) => new() { ViewportSize = new() { Width = width, Height = height } };

    /// <summary>The screen a test names: "phone" or "laptop".</summary>
    public static BrowserNewContextOptions Device(string device) => device == "phone" ? Phone() : Laptop();

    /// <summary>At least one linked stylesheet applied: one served empty or without its type loads, and applies nothing.</summary>
    public static Task<bool> StyledAsync(IPage page) =>
        page.EvaluateAsync<bool>("[...document.styleSheets].some(s => s.href && s.cssRules.length > 0)");

    /// <summary>Nothing on the page is wider than the screen (a heatmap scrolls inside its own box).</summary>
    public static Task<bool> FitsTheScreenAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth");

    /// <summary>A phone: 360 px wide, touch, high density.</summary>
    public static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new() { Width = 360, Height = 740 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 2,
    };

    /// <summary>Signs in as the demo user that <c>--demo</c> printed and opens the demo organisation's dashboard.</summary>
    public static async Task SignInAsDemoAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/account/signin");
            await page.FillAsync("#email", "demo@example.org");
            await page.FillAsync("#password", "demo-password");
            await page.ClickAsync("button[type=submit]");
            // Waits for the URL to commit and then for the link itself, not for the load event: after the
            // sign-in POST's redirect Playwright once missed that event on a page that had fully arrived
            // (1 run in about 30; the failure showed the whole organisations page).
            try
            {
                await page.WaitForURLAsync(new Regex("/orgs$"), new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
                await page.GetByRole(AriaRole.Link, new() { Name = "Demo Hospital" }).First.WaitForAsync(new() { Timeout = 30_000 });
                break;
            }
            catch (TimeoutException e)
            {
                var body = await page.InnerTextAsync("body");
                // The suite signs in more often than a person: past the product's limit of 10 sign-ins a
                // minute from one address (seen once in 4 runs) it waits the minute out, as a person
                // would, and tries again.
                if (attempt < 3 && body.Contains("Too many attempts", StringComparison.Ordinal))
                {
                    await Task.Delay(TimeSpan.FromSeconds(61));
                    continue;
                }

                throw new InvalidOperationException($"Signing in as the demo user did not reach the organisations: at {page.Url}:\n{body}", e);
            }
        }

        // Followed as a fresh navigation rather than a click: a click on a page still settling after
        // the sign-in redirect could leave the wait for its load event hanging (seen once in 25 runs).
        var organisation = await page.GetByRole(AriaRole.Link, new() { Name = "Demo Hospital" }).First.GetAttributeAsync("href");
        await page.GotoAsync(organisation!, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Matches(new Regex("/orgs/[0-9a-f-]{36}$"), page.Url);
    }

    /// <summary>For the docs: the screenshots in docs/images are taken of the app as ./run.sh serves it, when <c>RC_SCREENSHOTS</c> names a folder.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage)
    {
        if (Environment.GetEnvironmentVariable("RC_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = fullPage });
        }
    }
}
