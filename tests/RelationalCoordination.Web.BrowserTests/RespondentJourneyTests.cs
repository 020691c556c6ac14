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
/// Respondents on their phones, in Chromium: a survey of ten rated roles answered by tapping
/// only, with and without JavaScript, and an accessibility check of the respondent pages.
/// </summary>
public sealed class RespondentJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page the test opened kept to the Content-Security-Policy.</summary>
    public void Dispose() => app.AssertNoContentSecurityPolicyViolations();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_respondent_answers_ten_roles_start_to_finish_by_tapping_without_scrolling_sideways(bool javaScript)
    {
        var (id, key) = await SurveyAsync($"Tapping, script {(javaScript ? "on" : "off")}");
        await using var context = await app.NewContextAsync(BrowserApp.Phone(javaScript));
        var page = await context.NewPageAsync();
        await ExplainingFailureAsync(page, async () =>
        {
            await page.GotoAsync($"/s/{key}");
            await FitsThePhoneAsync(page);
            await page.Locator("label.option", new() { HasText = "Role 04" }).TapAsync();
            await page.Locator("#start").TapAsync();
            for (var n = 1; n <= 7; n++)
            {
                await UrlAsync(page, $"/s/{key}/q/{n}$");
                Assert.Equal($"Question {n} of 7", (await page.InnerTextAsync(".progress")).Trim());
                await FitsThePhoneAsync(page);
                var roles = page.Locator(".question fieldset");
                Assert.Equal(10, await roles.CountAsync());
                for (var r = 0; r < 10; r++)
                {
                    // Option (n + r) % 6: every score and "not applicable" are tapped somewhere.
                    await roles.Nth(r).Locator("label.option").Nth((n + r) % 6).TapAsync();
                }

                await page.Locator("#next").TapAsync();
            }

            await UrlAsync(page, $"/s/{key}/review$");
            Assert.Contains("You have answered every question.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
            await FitsThePhoneAsync(page);
            await page.Locator("#submit").TapAsync();
            await UrlAsync(page, $"/s/{key}/thanks$");
        });

        var response = await app.QueryAsync(db => db.Responses.Include(r => r.Answers).SingleAsync(r => r.SurveyId == id));
        var positions = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == id).ToDictionaryAsync(r => r.Id, r => r.Position));
        Assert.Equal(3, positions[response.RoleId]);
        Assert.Equal(10, response.Answers.Count);
        foreach (var answer in response.Answers)
        {
            var r = positions[answer.TargetRoleId];
            short?[] expected = [.. Enumerable.Range(1, 7).Select(n => (n + r) % 6 is var option && option == 5 ? (short?)null : (short)(option + 1))];
            Assert.Equal(expected, [answer.Frequent, answer.Timely, answer.Accurate, answer.ProblemSolving, answer.SharedGoals, answer.SharedKnowledge, answer.MutualRespect]);
        }
    }

    [Fact]
    public async Task The_respondent_pages_have_no_serious_or_critical_accessibility_violations_on_a_phone()
    {
        var (_, key) = await SurveyAsync("Accessible");
        await using var context = await app.NewContextAsync(BrowserApp.Phone());
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        async Task CheckAsync(string name)
        {
            var result = await page.RunAxe();
            Assert.NotEmpty(result.Passes);   // axe ran and checked something
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{name}: {v.Impact} {v.Id} — {v.Help} ({string.Join("; ", v.Nodes.Select(n => n.Html))})"));
        }

        await page.GotoAsync($"/s/{key}");
        await CheckAsync("welcome");
        await page.GotoAsync($"/s/{key}?lang=da");
        await CheckAsync("welcome (Danish)");
        await page.Locator("label.option").First.TapAsync();
        await page.Locator("#start").TapAsync();
        await UrlAsync(page, "/q/1$");
        await CheckAsync("question");
        await page.GotoAsync($"/s/{key}/q/7?lang=en");
        await page.Locator(".question fieldset").First.Locator("label.option").First.TapAsync();
        await CheckAsync("question, answered");
        await page.Locator("#next").TapAsync();
        await UrlAsync(page, "/review$");
        await CheckAsync("review");
        await page.GotoAsync($"/s/{key}/resume");
        await CheckAsync("resume");
        await page.GotoAsync("/c");
        await CheckAsync("invitation code");
        await page.Locator("#start").TapAsync();
        await Assertions.Expect(page.Locator("#code-error")).ToContainTextAsync("We do not know this code");
        await CheckAsync("invitation code, refused");
        await page.GotoAsync($"/s/{key}/review");
        await page.Locator("#submit").TapAsync();
        await UrlAsync(page, "/thanks$");
        await CheckAsync("thanks");
        await page.GotoAsync("/s/00000000");
        await CheckAsync("unknown survey");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private Task<(Guid Id, string Key)> SurveyAsync(string title, int roleCount = 10) => RespondentJourneys.SurveyAsync(app, title, roleCount);
}
