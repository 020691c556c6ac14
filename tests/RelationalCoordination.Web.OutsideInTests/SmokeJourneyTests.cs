using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Xunit;

namespace RelationalCoordination.Web.OutsideInTests;

/// <summary>
/// The product's two best screens as their users meet them on the app ./run.sh started: a leader
/// reading the heatmap on a laptop, and a nurse answering on a 360 px phone. Each asserts what the
/// stylesheet and the script do, not only that pages load: an unstyled page loads too.
/// </summary>
[Collection(RunShAppGroup.Name)]
[Trait("Stage", "Smoke")]
public sealed partial class SmokeJourneyTests(RunShApp app)
{
    [Fact]
    public async Task The_demo_leader_signs_in_and_the_heatmap_shows_weak_ties_in_their_colour()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var stylesheets = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "stylesheet")
            {
                stylesheets.Add(response);
            }
        };

        await RunShApp.SignInAsDemoAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Discharging a patient — wave 2" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Results", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Heatmap", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/results/heatmap$"));

        Assert.True(await RunShApp.StyledAsync(page), $"No stylesheet applied to {page.Url}; stylesheet responses: {string.Join(", ", stylesheets.Select(s => $"{s.Url} {s.Status}"))}");
        Assert.All(stylesheets, s => Assert.Equal(200, s.Status));
        Assert.All(stylesheets, s => Assert.StartsWith("text/css", s.Headers["content-type"], StringComparison.Ordinal));
        var weak = page.Locator("#heatmap td.weak").First;
        await weak.WaitForAsync();
        // The weak band from site.css alone: a dashed border over an orange of the colour scale.
        var weakStyle = await weak.EvaluateAsync<string>("cell => getComputedStyle(cell).borderTopStyle + ' ' + getComputedStyle(cell).backgroundColor");
        Assert.StartsWith("dashed rgb(", weakStyle, StringComparison.Ordinal);
        var weakRgb = Rgb(weakStyle);
        Assert.True(weakRgb[0] > weakRgb[2], $"a weak tie is orange, not {weakStyle}");
        // A strong tie: a double border over a purple.
        var strongStyle = await page.Locator("#heatmap td.strong").First.EvaluateAsync<string>("cell => getComputedStyle(cell).borderTopStyle + ' ' + getComputedStyle(cell).backgroundColor");
        Assert.StartsWith("double rgb(", strongStyle, StringComparison.Ordinal);
        var strongRgb = Rgb(strongStyle);
        Assert.True(strongRgb[2] > strongRgb[1], $"a strong tie is purple, not {strongStyle}");
    }

    [Fact]
    public async Task A_respondent_on_a_360_px_phone_answers_a_question_and_the_script_saves_the_tap_at_once()
    {
        var link = await OpenWaveLinkAsync();
        await using var phone = await app.NewContextAsync(RunShApp.Phone());
        var page = await phone.NewPageAsync();
        var scripts = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "script")
            {
                scripts.Add(response);
            }
        };

        await page.GotoAsync(link);
        await page.Locator("label.option", new() { HasText = "Nurses" }).First.TapAsync();
        await page.Locator("#start").TapAsync();
        // After a form's redirect, wait for the page's content rather than its load event (see SignInAsDemoAsync).
        await page.WaitForURLAsync(new Regex("/q/1$"), new() { WaitUntil = WaitUntilState.Commit });
        var question = page.Url;

        // Every option is a 44 px tap target (site.css), not a bare 20 px radio button.
        var options = page.Locator(".question fieldset").First.Locator("label.option");
        await options.Last.WaitForAsync();
        Assert.Equal(6, await options.CountAsync());
        for (var i = 0; i < 6; i++)
        {
            var box = await options.Nth(i).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Height >= 44, $"Option {i + 1} is {box.Height} px high; a tap target needs 44.");
            Assert.True(box.X >= 0 && box.X + box.Width <= 360, $"Option {i + 1} runs off the 360 px screen ({box.X} to {box.X + box.Width}).");
        }

        await RunShApp.ScreenshotAsync(page, "respondent-question.png", fullPage: false);

        // One tap, then nothing else: respond.js posts the form by itself.
        var saved = page.WaitForResponseAsync(
            r => r.Request.Method == "POST" && r.Request.PostData is { } data && data.Contains("go=save", StringComparison.Ordinal),
            new() { Timeout = 20_000 });
        await options.Nth(3).TapAsync();
        IResponse save;
        try
        {
            save = await saved;
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException("respond.js did not save the tap: no POST with go=save within 20 s of it.", e);
        }

        Assert.True(save.Ok, $"The save answered {save.Status}.");
        Assert.Contains(scripts, s => s.Url.Contains("/js/respond", StringComparison.Ordinal) && s.Status == 200
            && s.Headers["content-type"].StartsWith("text/javascript", StringComparison.Ordinal));

        // The tab is closed without pressing Next; the same phone comes back to the question.
        await page.CloseAsync();
        var again = await phone.NewPageAsync();
        await again.GotoAsync(question);
        var kept = again.Locator(".question fieldset").First.Locator("label.option").Nth(3).Locator("input");
        Assert.True(await kept.IsCheckedAsync(), "The tapped answer was not kept: respond.js did not save it.");
    }

    /// <summary>As the facilitator would: the open wave's Share page, and the survey's own link on it.</summary>
    private async Task<string> OpenWaveLinkAsync()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await RunShApp.SignInAsDemoAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Discharging a patient — wave 3" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Links, QR codes and invitation codes" }).ClickAsync();
        var link = (await page.Locator("#links tbody tr").First.Locator(".copy").InnerTextAsync()).Trim();
        Assert.Matches(SurveyLink(), link);
        // The link names the address the facilitator reached the app at, so it works for respondents too.
        Assert.StartsWith(app.BaseUrl + "/s/", link, StringComparison.Ordinal);
        return link;
    }

    [GeneratedRegex(@"/s/[A-Za-z0-9_-]+$")]
    private static partial Regex SurveyLink();

    private static int[] Rgb(string style) =>
        [.. Regex.Match(style, @"rgb\((\d+), (\d+), (\d+)\)").Groups.Values.Skip(1).Select(g => int.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture))];
}
