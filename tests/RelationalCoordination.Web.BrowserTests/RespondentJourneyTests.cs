using System.Diagnostics;

using Deque.AxeCore.Playwright;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using RelationalCoordination.Web.Data;

using Xunit;
using Xunit.Abstractions;

namespace RelationalCoordination.Web.BrowserTests;

/// <summary>
/// Respondents on their phones, in Chromium: a survey of ten rated roles answered by tapping
/// only, with and without JavaScript; coming back after the browser is closed or killed; moving
/// to another device with the resume code; a double tap on submit; and an accessibility check.
/// </summary>
public sealed class RespondentJourneyTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page the test opened kept to the Content-Security-Policy.</summary>
    public void Dispose() => app.AssertNoContentSecurityPolicyViolations();

    /// <summary>A question page, HTML and CSS, must arrive in fewer bytes than this on a weak connection.</summary>
    private const int PageBudget = 60 * 1024;

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

    /// <summary>An open survey of (by default) ten roles that answer and are rated, one with a description, names as facilitators type them.</summary>
    private async Task<(Guid Id, string Key)> SurveyAsync(string title, int roleCount = 10)
    {
        var key = Guid.NewGuid().ToString("N")[..8];   // hexadecimal: within the keys' alphabet
        var survey = new Survey
        {
            Id = Guid.NewGuid(),
            Title = title,
            WorkProcess = "discharging a patient",
            Status = SurveyStatus.Open,
            PublicKey = key,
            OpensAt = DateTimeOffset.UtcNow.AddDays(-1),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = $"Hospital for {title}", CreatedAt = DateTimeOffset.UtcNow };
        survey.OrganisationId = organisation.Id;
        survey.Roles = [.. Enumerable.Range(1, roleCount).Select(i => new SurveyRole
        {
            Id = Guid.NewGuid(),
            SurveyId = survey.Id,
            Name = i switch
            {
                9 => "Læger, \"on call\" <b>",
                10 => "Occupational-therapy-and-rehabilitation-coordinators-of-the-medical-wards",
                _ => $"Role {i:D2}",
            },
            Description = i == 1 ? "Ward nurses on day, evening and night shifts." : null,
            Position = i - 1,
        })];
        await app.QueryAsync(async db =>
        {
            db.Organisations.Add(organisation);
            db.Surveys.Add(survey);
            return await db.SaveChangesAsync();
        });
        return (survey.Id, key);
    }

    private static async Task AnswerAsync(IPage page, string key, int n, int option)
    {
        await UrlAsync(page, $"/s/{key}/q/{n}$");
        var roles = page.Locator(".question fieldset");
        for (var r = 0; r < await roles.CountAsync(); r++)
        {
            await roles.Nth(r).Locator("label.option").Nth(option).TapAsync();
        }

        await page.Locator("#next").TapAsync();
        await UrlAsync(page, $"/s/{key}/q/{n + 1}$");
    }

    /// <summary>Phone-first: nothing scrolls sideways at 360 px, and every option and button is a tap target of at least 44 px.</summary>
    private static async Task FitsThePhoneAsync(IPage page)
    {
        // The address changes when a navigation commits, before the stylesheet is applied: measure the loaded page.
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            $"{page.Url} scrolls sideways");
        var heights = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('main .option, main button')].map(e => e.getBoundingClientRect().height)");
        Assert.NotEmpty(heights);
        Assert.All(heights, h => Assert.True(h >= 44, $"a tap target on {page.Url} is {h} px high"));
    }

    private static string ResumeCode(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, "[0-9A-Z]{4}-[0-9A-Z]{4}").Value;

    /// <summary>SIGKILL for every Chromium process of one profile: no shutdown, no flushing.</summary>
    private static void KillChromium(string profile)
    {
        var killed = 0;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(profile, StringComparison.Ordinal))
                {
                    Process.GetProcessById(pid).Kill();
                    killed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // The process ended meanwhile.
            }
        }

        Assert.True(killed > 0, "no Chromium process of the profile was found to kill");
    }

    private static async Task IgnoringTheDeadBrowserAsync(Func<Task> close)
    {
        try
        {
            await close();
        }
        catch (PlaywrightException)
        {
            // It is already gone: that was the point.
        }
    }

    private static async Task ExplainingFailureAsync(IPage page, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            var text = await page.InnerTextAsync("body", new() { Timeout = 5000 });
            throw new InvalidOperationException($"{e.Message}\nat {page.Url}:\n{text[..Math.Min(text.Length, 1500)]}", e);
        }
    }

    private static Task UrlAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern), new() { Timeout = 90_000 });
}
