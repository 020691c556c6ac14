using System.Diagnostics;

using Deque.AxeCore.Playwright;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using RelationalCoordination.Web.Data;

using Xunit;
using Xunit.Abstractions;

namespace RelationalCoordination.Web.BrowserTests;

/// <summary>What the respondent journeys share: an open survey put straight into the database, tapping answers, phone checks, and killing Chromium.</summary>
internal static class RespondentJourneys
{
    /// <summary>An open survey of (by default) ten roles that answer and are rated, one with a description, names as facilitators type them.</summary>
    internal static async Task<(Guid Id, string Key)> SurveyAsync(BrowserApp app, string title, int roleCount = 10)

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

    internal static async Task AnswerAsync(IPage page, string key, int n, int option)
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
    internal static async Task FitsThePhoneAsync(IPage page)
    {
        // The address changes when a navigation commits, before the stylesheet is applied: measure the loaded page.
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            $"{page.Url} scrolls sideways");
        var heights = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('main .option, main button')].map(e => e.getBoundingClientRect().height)");
        Assert.NotEmpty(heights);
        Assert.All(heights, h => Assert.True(h >= 44, $"a tap target on {page.Url} is {h} px high"));
    }

    internal static string ResumeCode(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, "[0-9A-Z]{4}-[0-9A-Z]{4}").Value;

    /// <summary>SIGKILL for every Chromium process of one profile: no shutdown, no flushing.</summary>
    internal static void KillChromium(string profile)
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

    internal static async Task IgnoringTheDeadBrowserAsync(Func<Task> close)
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

    internal static async Task ExplainingFailureAsync(IPage page, Func<Task> steps)
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

    internal static Task UrlAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern), new() { Timeout = 90_000 });
}
