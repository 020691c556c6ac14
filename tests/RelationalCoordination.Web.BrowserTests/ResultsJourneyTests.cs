using Deque.AxeCore.Playwright;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using RelationalCoordination.Web.Demo;

using Xunit;

namespace RelationalCoordination.Web.BrowserTests;

/// <summary>
/// A leader reading the demo's results on a laptop and on a phone: overview, heatmap, a tie, a role
/// profile, the network map, where to start and the wave comparison — each checked with axe. (The
/// docs' screenshots are taken by the outside-in tests, of the app as ./run.sh serves it.)
/// </summary>
public sealed class ResultsJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page the test opened kept to the Content-Security-Policy.</summary>
    public void Dispose() => app.AssertNoContentSecurityPolicyViolations();

    [Fact]
    public async Task A_heatmap_of_forty_roles_fits_a_laptop_screen_without_scrolling_sideways()
    {
        await app.Services.SeedDemoAsync();
        var organisation = await app.QueryAsync(db => db.Organisations.Where(o => o.Name == "Demo Hospital").Select(o => o.Id).SingleAsync());
        var survey = await app.QueryAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var s = new Data.Survey { Id = Guid.NewGuid(), OrganisationId = organisation, Title = "Forty roles", WorkProcess = "running a hospital", Status = Data.SurveyStatus.Closed, MinGroupSize = 3, CreatedAt = now, UpdatedAt = now };
            s.Roles = [.. Enumerable.Range(1, 40).Select(i => new Data.SurveyRole { Id = Guid.NewGuid(), SurveyId = s.Id, Name = $"Role {i:D2} of the ward team", Position = i - 1 })];
            db.Surveys.Add(s);
            var random = new Random(7);
            foreach (var role in s.Roles)
            {
                for (var person = 0; person < 4; person++)
                {
                    db.Responses.Add(new Data.Response
                    {
                        Id = Guid.NewGuid(),
                        SurveyId = s.Id,
                        RoleId = role.Id,
                        SubmittedOn = DateOnly.FromDateTime(now.UtcDateTime),
                        Answers = [.. s.Roles.Select(t => { short Score() => (short)random.Next(2, 6); return new Data.Answer { TargetRoleId = t.Id, Frequent = Score(), Timely = Score(), Accurate = Score(), ProblemSolving = Score(), SharedGoals = Score(), SharedKnowledge = Score(), MutualRespect = Score() }; })],
                    });
                }
            }

            await db.SaveChangesAsync();
            return s.Id;
        });
        await using var context = await app.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        await SignInAsDemoAsync(page);

        await page.GotoAsync($"/orgs/{organisation}/surveys/{survey}/results/heatmap");

        Assert.Equal(40, await page.Locator("#heatmap tbody tr").CountAsync());
        Assert.Equal(1600, await page.Locator("#heatmap td a").CountAsync());
        var (table, viewport) = (await page.EvaluateAsync<double>("document.getElementById('heatmap').getBoundingClientRect().right"), 1366);
        Assert.True(table <= viewport, $"the heatmap is {table} px wide on a {viewport} px screen");
        var cell = await page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('#heatmap td strong')).fontSize)");
        Assert.True(cell >= 11, $"cell text is {cell} px");
    }

    [Theory]
    [InlineData("laptop", 1366, 900)]
    [InlineData("phone", 360, 740)]
    public async Task A_leader_reads_the_results_of_two_waves(string device, int width, int height)
    {
        await app.Services.SeedDemoAsync();
        var survey = await app.QueryAsync(db => db.Surveys.Where(s => s.Title == "Discharging a patient — wave 2").Select(s => new { s.Id, s.OrganisationId }).SingleAsync());
        var here = $"/orgs/{survey.OrganisationId}/surveys/{survey.Id}";
        var options = device == "phone" ? BrowserApp.Phone() : new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } };
        await using var context = await app.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        async Task CheckAsync(string name)
        {
            // Measured on the loaded page: a link's target can be found before its stylesheet has
            // arrived, and unstyled it is wider than a phone (a clean-clone run failed that way).
            await page.WaitForLoadStateAsync(LoadState.Load);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), $"{name} scrolls sideways on a {device}");
            // On a phone not even a box within the page scrolls sideways (the heatmap is a list there).
            if (device == "phone")
            {
                var scroller = await page.EvaluateAsync<string>(SidewaysScroller);
                Assert.True(scroller == "", $"{name} has a box that scrolls sideways on a phone: {scroller}");
            }

            var smallest = await page.EvaluateAsync<string>(SmallestText);
            var size = double.Parse(smallest[..smallest.IndexOf('|', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(size >= 12, $"{name} on a {device}: text of {smallest}");
            var result = await page.RunAxe();
            Assert.NotEmpty(result.Passes);
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{name}: {v.Impact} {v.Id} — {v.Help} ({string.Join("; ", v.Nodes.Select(n => n.Html))})"));
        }

        await SignInAsDemoAsync(page);

        await page.GotoAsync($"{here}/results");
        Assert.Contains("The seven questions agree with one another", await page.InnerTextAsync("#readings"), StringComparison.Ordinal);
        await CheckAsync("overview");

        await page.GotoAsync($"{here}/results/heatmap");
        Assert.Equal(8, await page.Locator("#heatmap tbody tr").CountAsync());
        Assert.True(await page.Locator("#heatmap td.suppressed").CountAsync() > 0);
        Assert.True(await page.Locator("#heatmap td.weak").CountAsync() > 0);
        await CheckAsync("heatmap");
        await page.SelectOptionAsync("#view", "shared_goals");
        await page.ClickAsync("#view-form button");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=shared_goals"));

        await page.Locator(device == "phone" ? "#heatmap-list li.strong a" : "#heatmap td.strong a").First.ClickAsync();
        await page.WaitForSelectorAsync("#dimensions");
        await CheckAsync("tie");

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
        await CheckAsync("role");

        await page.GotoAsync($"{here}/results/network");
        Assert.True(await page.Locator("svg.network path.tie").CountAsync() > 10);
        Assert.True(await page.Locator("svg.network g.role.bridge").CountAsync() >= 1);
        await CheckAsync("network");

        await page.GotoAsync($"{here}/results/start");
        Assert.Equal(5, await page.Locator("#weakest li").CountAsync());
        await CheckAsync("start");

        await page.GotoAsync($"{here}/results/compare");
        Assert.True(await page.Locator("#changes tbody tr").CountAsync() > 0);
        await CheckAsync("compare");

        await page.GotoAsync($"{here}/results/series");
        Assert.Equal(3, await page.Locator("#series-index tbody tr").CountAsync());
        await CheckAsync("series");

        // A read-only link for a leader without an account, opened in a browser that is not signed in.
        await page.GotoAsync($"{here}/results/links");
        await page.ClickAsync("text=Make a link");
        var link = (await page.InnerTextAsync("#link")).Trim();
        await using var leader = await app.NewContextAsync(device == "phone" ? BrowserApp.Phone() : new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } });
        var shared = await leader.NewPageAsync();
        await shared.GotoAsync(link);
        Assert.Equal(8, await shared.Locator("#heatmap tbody tr").CountAsync());
        Assert.Equal(0, await shared.Locator("#heatmap a").CountAsync());
        Assert.True(await shared.Locator("svg.network").CountAsync() == 1);
        page = shared;
        await CheckAsync("shared-link");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The first visible box that scrolls sideways, or "".</summary>
    internal const string SidewaysScroller = """
        (() => {
            for (const el of document.querySelectorAll('body *')) {
                const style = getComputedStyle(el);
                if (el.offsetParent && /(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) return el.outerHTML.slice(0, 120);
            }
            return '';
        })()
        """;

    /// <summary>The smallest rendered text on the page: HTML text, and an SVG's text as its scale draws it.</summary>
    internal const string SmallestText = """
        (() => {
            let min = 99, where = '';
            for (const el of document.querySelectorAll('body *')) {
                if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
                const box = el.getBoundingClientRect();
                if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
                if (el.closest('.visually-hidden, title, desc')) continue;
                let size = parseFloat(getComputedStyle(el).fontSize);
                const svg = el.ownerSVGElement;
                if (svg) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                if (size < min) { min = size; where = el.outerHTML.slice(0, 100); }
            }
            return min.toFixed(2) + '|' + where;
        })()
        """;

    internal static async Task SignInAsDemoAsync(IPage page)
    {
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", "demo@example.org");
        await page.FillAsync("#password", "demo-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orgs"));
    }
}
