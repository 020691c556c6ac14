using Deque.AxeCore.Playwright;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using RelationalCoordination.Web.Demo;

using Xunit;

namespace RelationalCoordination.Web.BrowserTests;

/// <summary>
/// A change team on a laptop and on a phone: from "where to start" to a planned intervention, a
/// structural assessment whose gap goes into the plan, an outcome measure, and the next wave's
/// comparison of the targeted ties with the others — each page checked with axe, for width and
/// for text size.
/// </summary>
public sealed class ChangeJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    public void Dispose() => app.AssertNoContentSecurityPolicyViolations();

    [Theory]
    [InlineData("laptop")]
    [InlineData("phone")]
    public async Task A_change_team_plans_from_the_results_assesses_a_boundary_and_reads_the_effect_at_the_next_wave(string device)
    {
        await app.Services.SeedDemoAsync();
        var waves = await app.QueryAsync(db => db.Surveys.Where(s => s.Title.StartsWith("Discharging a patient — wave")).OrderBy(s => s.Title).Select(s => new { s.Id, s.OrganisationId }).ToListAsync());
        var (first, second) = ($"/orgs/{waves[0].OrganisationId}/surveys/{waves[0].Id}", $"/orgs/{waves[1].OrganisationId}/surveys/{waves[1].Id}");
        await using var context = await app.NewContextAsync(device == "phone" ? BrowserApp.Phone() : new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 900 } });
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
            Assert.True(double.Parse(smallest[..smallest.IndexOf('|', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) >= 12, $"{name} on a {device}: text of {smallest}");
            var result = await page.RunAxe();
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{name}: {v.Impact} {v.Id} — {v.Help} ({string.Join("; ", v.Nodes.Select(n => n.Html))})"));
        }

        await ResultsJourneyTests.SignInAsDemoAsync(page);

        // Where to start: safety first, then what the pattern suggests; "Plan this" on a weak tie.
        await page.GotoAsync($"{first}/results/start");
        Assert.Equal("SafetyFirst", await page.Locator("#suggestions > li").First.GetAttributeAsync("data-rule"));
        await CheckAsync("start");
        await page.Locator("#suggestions > li[data-rule=WeakTie] li[data-item=conversations-of-interdependence] a.plan-this").First.ClickAsync();
        await page.WaitForSelectorAsync("#intervention");
        Assert.Equal("conversations-of-interdependence", await page.InputValueAsync("#item"));
        Assert.NotEqual("", await page.InputValueAsync("select[name='Input.Targets[0].From']"));
        await CheckAsync("intervention");
        await page.FillAsync("#owner", $"Ward team ({device})");
        await page.SelectOptionAsync("#status", "Underway");
        await page.FillAsync("#cycle-0-current", "Hand-overs by phone at the end of the shift.");
        await page.FillAsync("#cycle-0-experiment", "Paired conversations with the five questions.");
        await page.ClickAsync("#intervention button[type=submit]");
        await page.WaitForSelectorAsync("#saved");
        Assert.Contains($"Ward team ({device})", await page.InnerTextAsync("#interventions"), StringComparison.Ordinal);
        await CheckAsync("plan");

        // A structural assessment of a boundary; an absent structure goes into the plan.
        if (device == "laptop")
        {
            await page.SelectOptionAsync("#assess-a", "Physical therapists");
            await page.SelectOptionAsync("#assess-b", "Case managers");
            await page.ClickAsync("#assess button");
        }
        else
        {
            await page.GotoAsync($"{first}/change/structures?a={Uri.EscapeDataString("Physical therapists")}&b={Uri.EscapeDataString("Case managers")}");
        }

        await page.WaitForSelectorAsync("#structure-ratings");
        Assert.Equal(10, await page.Locator("#structure-ratings tbody tr").CountAsync());
        await CheckAsync("structures");
        await page.Locator("#structure-ratings tbody tr").Nth(7).Locator("input[value=Absent]").CheckAsync();
        await page.Locator("#structure-ratings tbody tr").Nth(7).Locator("textarea").FillAsync("No huddle between the two.");
        await page.Locator("#structure-ratings tbody tr").Nth(0).Locator("input[value=Present]").CheckAsync();
        await page.ClickAsync("#structure-ratings button[type=submit]");
        await page.WaitForSelectorAsync("#saved");
        Assert.Equal(1, await page.Locator("#plan-gaps li").CountAsync());
        await page.Locator("#plan-gaps a").ClickAsync();
        await page.WaitForSelectorAsync("#intervention");
        Assert.Equal("shared-meetings", await page.InputValueAsync("#item"));
        await page.ClickAsync("#intervention button[type=submit]");
        await page.WaitForSelectorAsync("#saved");

        // An outcome measure for the wave.
        await page.GotoAsync($"{first}/change/outcomes");
        await page.SelectOptionAsync("#heading", "WorkerWellBeing");
        await page.FillAsync("#name", $"Sick leave ({device})");
        await page.FillAsync("#value", "4.5");
        await page.FillAsync("#unit", "%");
        await page.ClickAsync("#outcome button[type=submit]");
        await page.WaitForSelectorAsync("#outcome-measures");
        await CheckAsync("outcomes");

        // The next wave: the heatmap marks the targeted ties, the comparison weighs them against the others.
        await page.GotoAsync($"{second}/results/heatmap");
        Assert.True(await page.Locator(device == "phone" ? "#heatmap-list li" : "#heatmap td.targeted").CountAsync() > 0);
        await page.GotoAsync($"{second}/results/compare");
        Assert.Contains("difference in differences", await page.InnerTextAsync("#effect"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#changes .targeted").CountAsync() >= 3);
        await CheckAsync("compare-effect");
        await page.GotoAsync($"{second}/results/series");
        Assert.Contains("Length of stay", await page.InnerTextAsync("#series-outcomes"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#series-interventions > li").CountAsync() >= 1);
        await CheckAsync("series");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
