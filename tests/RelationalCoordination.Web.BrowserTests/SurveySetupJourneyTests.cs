using Deque.AxeCore.Playwright;

using Microsoft.Playwright;

using Xunit;

namespace RelationalCoordination.Web.BrowserTests;

/// <summary>A facilitator's first session, in a real browser: sign up, create an organisation, set up and open a survey, preview it on a phone.</summary>
public sealed class SurveySetupJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page the test opened kept to the Content-Security-Policy.</summary>
    public void Dispose() => app.AssertNoContentSecurityPolicyViolations();

    [Fact]
    public async Task A_facilitator_signs_up_sets_up_a_survey_opens_it_and_previews_it_on_a_phone()
    {
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        try
        {
            await JourneyAsync(context, page);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // Say where the browser was and what it showed: a timeout alone explains nothing.
            var text = await page.InnerTextAsync("body", new() { Timeout = 5000 });
            throw new InvalidOperationException($"{e.Message}\nat {page.Url}:\n{text[..Math.Min(text.Length, 1500)]}", e);
        }
    }

    private async Task JourneyAsync(IBrowserContext context, IPage page)
    {
        await page.GotoAsync("/account/signup");
        await page.FillAsync("#email", "facilitator@example.org");
        await page.FillAsync("#password", "correct horse battery");
        await page.ClickAsync("button[type=submit]");
        await UrlAsync(page, "/orgs$");

        await page.FillAsync("#name", "St Olav's, medical wards");
        await page.ClickAsync("button:has-text(\"Create\")");
        await UrlAsync(page, "/orgs/[0-9a-f-]{36}$");
        await page.ClickAsync("text=New survey");

        await page.FillAsync("#Input_Title", "Discharge, spring 2027");
        await page.FillAsync("#Input_WorkProcess", "discharging a patient");
        await page.FillAsync("#Input_Introduction", "Tell us how the roles work together when a patient goes home.");
        await page.ClickAsync("text=Create and add roles");
        await UrlAsync(page, "/roles$");

        string[] roles = ["Nurses", "Physicians", "Læger, \"on call\""];
        for (var i = 0; i < roles.Length; i++)
        {
            await page.FillAsync($"input[name='Roles[{i}].Name']", roles[i]);
        }

        await page.ClickAsync("text=Save roles");
        await page.WaitForSelectorAsync("text=Open the survey");
        Assert.Equal(3, await page.Locator("table tbody tr").CountAsync());

        await page.ClickAsync("text=Open the survey");
        await page.WaitForSelectorAsync(".status.Open");
        var surveyUrl = page.Url;

        await using var phone = await app.NewContextAsync(new()
        {
            StorageState = await context.StorageStateAsync(),
            ViewportSize = new() { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        var preview = await phone.NewPageAsync();
        await preview.GotoAsync($"{surveyUrl}/preview");

        Assert.Contains("discharging a patient", await preview.InnerTextAsync("#question-5"), StringComparison.Ordinal);
        Assert.Equal("Question 1 of 7", (await preview.InnerTextAsync("#question-1 .progress")).Trim());
        Assert.Contains("Læger, \"on call\"", await preview.InnerTextAsync("#question-1"), StringComparison.Ordinal);
        // Phone-first: nothing scrolls sideways at 360 px, and every option is a tap target of at least 44 px.
        Assert.True(await preview.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        var heights = await preview.EvaluateAsync<double[]>("[...document.querySelectorAll('.option')].map(e => e.getBoundingClientRect().height)");
        Assert.NotEmpty(heights);
        Assert.All(heights, h => Assert.True(h >= 44, $"an option is {h} px high"));

        // The facilitator's pages, on the phone too, pass axe without serious or critical violations.
        var problems = new List<string>();
        foreach (var path in new[] { surveyUrl, $"{surveyUrl}/share", $"{surveyUrl}/roles", $"{surveyUrl}/edit", $"{surveyUrl}/preview", "/orgs" })
        {
            await preview.GotoAsync(path);
            var result = await preview.RunAxe();
            Assert.NotEmpty(result.Passes);
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Impact} {v.Id} — {v.Help} ({string.Join("; ", v.Nodes.Select(n => n.Html))})"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Waits until the page's URL matches, by polling it: WaitForURL listens for a navigation
    /// event, and on a busy machine the redirect after a form post can finish before it listens.
    /// </summary>
    private static Task UrlAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern), new() { Timeout = 90_000 });
}
