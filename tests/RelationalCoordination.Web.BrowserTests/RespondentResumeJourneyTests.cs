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
/// Respondents on their phones, in Chromium, losing nothing: coming back after the browser is
/// closed or killed, moving to another device with the resume code, and a double tap on submit.
/// </summary>
public sealed class RespondentResumeJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page the test opened kept to the Content-Security-Policy.</summary>
    public void Dispose() => app.AssertNoContentSecurityPolicyViolations();

    [Fact]
    public async Task Closing_or_killing_the_browser_mid_survey_loses_no_answer()
    {
        var (_, key) = await SurveyAsync("Comeback");
        var profile = Directory.CreateTempSubdirectory("rc-phone-").FullName;
        string code;
        var phone = await app.LaunchPhoneWithProfileAsync(profile);
        var page = (phone.Pages.Count > 0 ? phone.Pages[0] : await phone.NewPageAsync());
        await ExplainingFailureAsync(page, async () =>
        {
            await page.GotoAsync($"/s/{key}");
            await page.Locator("label.option", new() { HasText = "Role 02" }).TapAsync();
            await page.Locator("#start").TapAsync();
            await AnswerAsync(page, key, 1, option: 0);
            await AnswerAsync(page, key, 2, option: 3);

            // Half of question 3, and no Next: with scripts on, each tap is saved as it happens.
            var roles = page.Locator(".question fieldset");
            for (var r = 0; r < 5; r++)
            {
                await page.RunAndWaitForResponseAsync(
                    () => roles.Nth(r).Locator("label.option").Nth(5).TapAsync(),
                    response => response.Request.Method == "POST" && response.Status == 204);
            }
        });

        // Closed: the browser keeps its cookie, and the welcome page offers to continue.
        await phone.CloseAsync();
        phone = await app.LaunchPhoneWithProfileAsync(profile);
        page = (phone.Pages.Count > 0 ? phone.Pages[0] : await phone.NewPageAsync());
        await ExplainingFailureAsync(page, async () =>
        {
            await page.GotoAsync($"/s/{key}");
            await page.Locator("#continue").TapAsync();
            await UrlAsync(page, $"/s/{key}/q/3$");
            Assert.Equal(5, await page.Locator(".question input[value='na']:checked").CountAsync());
            await AnswerAsync(page, key, 3, option: 5);
        });
        code = ResumeCode(await page.InnerTextAsync("#resume-code"));

        // Killed: whatever the browser had not yet written to disk is gone; the server still has
        // every answer, and the code written down brings them back.
        KillChromium(profile);
        await IgnoringTheDeadBrowserAsync(() => phone.CloseAsync());
        phone = await app.LaunchPhoneWithProfileAsync(profile);
        page = (phone.Pages.Count > 0 ? phone.Pages[0] : await phone.NewPageAsync());
        await ExplainingFailureAsync(page, async () =>
        {
            await page.GotoAsync($"/s/{key}/resume");
            await page.FillAsync("#code", code);
            await page.Locator("#resume").TapAsync();
            await UrlAsync(page, $"/s/{key}/q/4$");
            foreach (var (n, option) in new[] { (1, 0), (2, 3), (3, 5) })
            {
                await page.GotoAsync($"/s/{key}/q/{n}");
                var chosen = await page.EvaluateAsync<int[]>(
                    "[...document.querySelectorAll('.question fieldset')].map(f => [...f.querySelectorAll('input')].findIndex(i => i.checked))");
                Assert.Equal(Enumerable.Repeat(option, 10), chosen);
            }
        });
        await phone.CloseAsync();
        Directory.Delete(profile, recursive: true);
    }

    [Fact]
    public async Task A_respondent_moves_to_another_device_with_the_resume_code_and_a_double_tap_on_submit_stores_one_response()
    {
        var (id, key) = await SurveyAsync("Two devices");
        await using var phoneContext = await app.NewContextAsync(BrowserApp.Phone());
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync($"/s/{key}/3");
        await phone.Locator("#start").TapAsync();
        await AnswerAsync(phone, key, 1, option: 1);
        var code = ResumeCode(await phone.InnerTextAsync("#resume-code"));

        await using var laptopContext = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var laptop = await laptopContext.NewPageAsync();
        await ExplainingFailureAsync(laptop, async () =>
        {
            await laptop.GotoAsync($"/s/{key}");
            await laptop.ClickAsync("text=Continue with your code");
            await laptop.FillAsync("#code", code.ToLowerInvariant());
            await laptop.ClickAsync("#resume");
            await UrlAsync(laptop, $"/s/{key}/q/2$");
            await laptop.GotoAsync($"/s/{key}/q/1");
            Assert.Equal(10, await laptop.Locator(".question input[value='2']:checked").CountAsync());
            await laptop.GotoAsync($"/s/{key}/review");

            // Two taps before the first answer arrives, then the back button and the button again.
            var submit = laptop.Locator("#submit");
            await submit.DblClickAsync();
            await UrlAsync(laptop, $"/s/{key}/thanks$");
            await laptop.GoBackAsync();
            if (await laptop.Locator("#submit").CountAsync() > 0)
            {
                await laptop.Locator("#submit").ClickAsync();
            }

            await UrlAsync(laptop, $"/s/{key}/thanks$");
        });

        Assert.Equal(1, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        await phone.ReloadAsync();
        await UrlAsync(phone, $"/s/{key}/thanks$");
    }

    private Task<(Guid Id, string Key)> SurveyAsync(string title, int roleCount = 10) => RespondentJourneys.SurveyAsync(app, title, roleCount);
}
