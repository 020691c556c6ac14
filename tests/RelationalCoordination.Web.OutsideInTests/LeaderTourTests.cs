using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Xunit;

namespace RelationalCoordination.Web.OutsideInTests;

/// <summary>
/// A leader reads the demo's second wave on a laptop and on a phone, page by page, on the app as
/// ./run.sh serves it: every page styled, none wider than the screen but for the heatmap's own
/// scroller. The screenshots in docs/images are taken here when <c>RC_SCREENSHOTS</c> names a folder.
/// </summary>
[Collection(RunShAppGroup.Name)]
[Trait("Stage", "Smoke")]
public sealed class LeaderTourTests(RunShApp app)
{
    [Theory]
    [InlineData("laptop")]
    [InlineData("phone")]
    public async Task A_leader_reads_every_results_page_styled_and_within_the_screen(string device)
    {
        await using var context = await app.NewContextAsync(RunShApp.Device(device));
        var page = await context.NewPageAsync();
        await RunShApp.SignInAsDemoAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Discharging a patient — wave 2" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/surveys/[0-9a-f-]{36}$"));
        var here = new Uri(page.Url).AbsolutePath;

        await page.GotoAsync($"{here}/results");
        Assert.Contains("The seven questions agree with one another", await page.InnerTextAsync("#readings"), StringComparison.Ordinal);
        await CheckAsync(page, "overview", device);

        await page.GotoAsync($"{here}/results/heatmap");
        Assert.Equal(8, await page.Locator("#heatmap tbody tr").CountAsync());
        await CheckAsync(page, "heatmap", device);

        // A phone gets one role's ties as a list instead of the table.
        await page.Locator(device == "phone" ? "#heatmap-list li.strong a" : "#heatmap td.strong a").First.ClickAsync();
        await page.WaitForSelectorAsync("#dimensions");
        await CheckAsync(page, "tie", device);

        await page.GotoAsync($"{here}/results/heatmap");
        if (device == "phone")
        {
            await page.SelectOptionAsync("#from", new SelectOptionValue { Label = "Nurses" });
            await page.ClickAsync("#focus-form button");
            await page.GetByRole(AriaRole.Link, new() { Name = "The role profile of Nurses" }).ClickAsync();
        }
        else
        {
            await page.Locator("#heatmap tbody th a", new() { HasText = "Nurses" }).ClickAsync();
        }

        await page.WaitForSelectorAsync("#by-dimension");
        await CheckAsync(page, "role", device);

        await page.GotoAsync($"{here}/results/network");
        Assert.True(await page.Locator("svg.network path.tie").CountAsync() > 10);
        await CheckAsync(page, "network", device);

        await page.GotoAsync($"{here}/results/start");
        Assert.Equal(5, await page.Locator("#weakest li").CountAsync());
        await CheckAsync(page, "start", device);

        await page.GotoAsync($"{here}/results/compare");
        Assert.True(await page.Locator("#changes tbody tr").CountAsync() > 0);
        await CheckAsync(page, "compare", device);

        await page.GotoAsync($"{here}/results/series");
        Assert.Equal(3, await page.Locator("#series-index tbody tr").CountAsync());
        await CheckAsync(page, "series", device);

        // A read-only link for a leader without an account, opened in a browser that is not signed in.
        await page.GotoAsync($"{here}/results/links");
        await page.ClickAsync("text=Make a link");
        var link = (await page.InnerTextAsync("#link")).Trim();
        await using var leader = await app.NewContextAsync(RunShApp.Device(device));
        var shared = await leader.NewPageAsync();
        await shared.GotoAsync(link);
        Assert.Equal(8, await shared.Locator("#heatmap tbody tr").CountAsync());
        await CheckAsync(shared, "shared-link", device);
    }

    [Theory]
    [InlineData("laptop")]
    [InlineData("phone")]
    public async Task A_change_team_reads_its_plan_a_boundarys_structures_and_the_effect_at_the_next_wave(string device)
    {
        await using var context = await app.NewContextAsync(RunShApp.Device(device));
        var page = await context.NewPageAsync();
        await RunShApp.SignInAsDemoAsync(page);
        // Both waves' addresses from the dashboard; the phone's menu hides the way back to it.
        var first = await page.GetByRole(AriaRole.Link, new() { Name = "Discharging a patient — wave 1" }).First.GetAttributeAsync("href");
        var second = await page.GetByRole(AriaRole.Link, new() { Name = "Discharging a patient — wave 2" }).First.GetAttributeAsync("href");
        Assert.Matches("/surveys/[0-9a-f-]{36}$", first);

        await page.GotoAsync(first!);
        await page.GetByRole(AriaRole.Link, new() { Name = "Change plan" }).First.ClickAsync();
        await page.WaitForSelectorAsync("#interventions");
        Assert.Equal(3, await page.Locator("#interventions tbody tr").CountAsync());
        await CheckAsync(page, "change-plan", device);

        await page.GotoAsync($"{first}/change/structures?a=Pharmacists&b=Social%20workers");
        Assert.Equal(5, await page.Locator("#plan-gaps li").CountAsync());
        await CheckAsync(page, "change-structures", device);

        await page.GotoAsync($"{first}/results/start");
        Assert.Equal("SafetyFirst", await page.Locator("#suggestions > li").First.GetAttributeAsync("data-rule"));
        await page.Locator("#suggestions").ScrollIntoViewIfNeededAsync();   // the phone's picture shows the suggestions
        await CheckAsync(page, "change-suggestions", device);

        // Wave 2: the comparison says in words whether the three targeted ties improved more than the others.
        await page.GotoAsync($"{second}/results/compare");
        Assert.Contains("targeted 3 of the ties compared", await page.InnerTextAsync("#effect"), StringComparison.Ordinal);
        await page.Locator("#effect-heading").ScrollIntoViewIfNeededAsync();
        await CheckAsync(page, "change-effect", device);
    }

    [Fact]
    public async Task A_leader_opening_a_survey_that_is_still_open_is_told_that_results_appear_when_it_closes()
    {
        await using var context = await app.NewContextAsync(RunShApp.Device("phone"));
        var page = await context.NewPageAsync();
        await RunShApp.SignInAsDemoAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Discharging a patient — wave 3" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/surveys/[0-9a-f-]{36}$"));
        var here = new Uri(page.Url).AbsolutePath;

        // Straight to the heatmap, as a bookmark would: the overview says why there is none.
        await page.GotoAsync($"{here}/results/heatmap");

        Assert.Equal($"{here}/results", new Uri(page.Url).AbsolutePath);
        Assert.Contains("Results appear when the survey closes", await page.InnerTextAsync("#not-yet"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#heatmap, #summary, svg.network").CountAsync());
        await CheckAsync(page, "not-yet", "phone");
    }

    private static async Task CheckAsync(IPage page, string name, string device)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.True(await RunShApp.StyledAsync(page), $"{name}: no stylesheet applied on the {device}");
        Assert.True(await RunShApp.FitsTheScreenAsync(page), $"{name} scrolls sideways on the {device}");
        await RunShApp.ScreenshotAsync(page, $"results-{name}-{device}.png", fullPage: device == "laptop");
    }
}
