using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Xunit;

namespace RelationalCoordination.Web.OutsideInTests;

/// <summary>
/// A facilitator of the demo organisation, on the app as ./run.sh serves it: setting up a survey
/// in the pages and previewing it on a phone; and a change team's system setting up a survey of
/// forty roles through the API, whose heatmap must still fit a laptop.
/// </summary>
[Collection(RunShAppGroup.Name)]
[Trait("Stage", "Smoke")]
public sealed class FacilitatorTests(RunShApp app)
{
    [Fact]
    public async Task A_facilitator_sets_up_a_survey_and_previews_it_on_a_phone()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await RunShApp.SignInAsDemoAsync(page);
        await page.ClickAsync("text=New survey");
        await page.FillAsync("#Input_Title", "Discharge, spring 2027");
        await page.FillAsync("#Input_WorkProcess", "discharging a patient");
        await page.FillAsync("#Input_Introduction", "Tell us how the roles work together when a patient goes home.");
        await page.ClickAsync("text=Create and add roles");
        await page.WaitForURLAsync(new Regex("/roles$"), new() { WaitUntil = WaitUntilState.Commit });
        string[] roles = ["Nurses", "Physicians", "Læger, \"on call\""];
        for (var i = 0; i < roles.Length; i++)
        {
            if (i > 0)
            {
                await page.ClickAsync("#add-role");
            }

            await page.FillAsync($"input[name='Roles[{i}].Name']", roles[i]);
        }

        await page.ClickAsync("#save-roles");
        await page.WaitForSelectorAsync("#saved");
        await page.ClickAsync("#saved a");
        await page.WaitForSelectorAsync("#open-survey");
        Assert.Equal(3, await page.Locator("table tbody tr").CountAsync());
        Assert.True(await RunShApp.StyledAsync(page), "The survey page is unstyled.");
        await RunShApp.ScreenshotAsync(page, "survey-setup.png", fullPage: true);

        // Opening asks first, on a page of its own.
        await page.ClickAsync("#open-survey");
        await page.ClickAsync("#confirm-open");
        await page.WaitForSelectorAsync(".status.Open");
        var phoneOptions = RunShApp.Phone();
        phoneOptions.StorageState = await context.StorageStateAsync();
        await using var phone = await app.NewContextAsync(phoneOptions);
        var preview = await phone.NewPageAsync();
        await preview.GotoAsync($"{new Uri(page.Url).AbsolutePath}/preview");
        Assert.Contains("Læger, \"on call\"", await preview.InnerTextAsync("#question-1"), StringComparison.Ordinal);
        Assert.True(await RunShApp.FitsTheScreenAsync(preview), "The preview scrolls sideways on a phone.");
        var heights = await preview.EvaluateAsync<double[]>("[...document.querySelectorAll('.option')].map(e => e.getBoundingClientRect().height)");
        Assert.NotEmpty(heights);
        Assert.All(heights, h => Assert.True(h >= 44, $"an option is {h} px high"));
        await RunShApp.ScreenshotAsync(preview, "preview-phone.png", fullPage: false);

        // Before closing: the roles below k, and two of them combined into a reporting group.
        await page.GotoAsync($"{new Uri(page.Url).AbsolutePath}/close");
        await page.Locator("#combine-form label.tap", new() { HasText = "Physicians" }).ClickAsync();
        await page.Locator("#combine-form label.tap", new() { HasText = "Læger" }).ClickAsync();
        await page.FillAsync("#group-name", "Physicians and Læger");
        await page.ClickAsync("#combine");
        await page.WaitForURLAsync(new Regex("/close#groups$"), new() { WaitUntil = WaitUntilState.Commit });
        Assert.Contains("Physicians and Læger", await page.InnerTextAsync("#reporting-groups"), StringComparison.Ordinal);
        Assert.True(await RunShApp.StyledAsync(page), "The close page is unstyled.");
        await RunShApp.ScreenshotAsync(page, "survey-close.png", fullPage: true);
    }

    [Fact]
    public async Task Forty_roles_set_up_and_answered_through_the_api_make_a_heatmap_that_fits_a_laptop()
    {
        await using var context = await app.NewContextAsync(RunShApp.Laptop(1366, 768));
        var page = await context.NewPageAsync();
        await RunShApp.SignInAsDemoAsync(page);
        var organisation = new Uri(page.Url).AbsolutePath;
        await page.GotoAsync($"{organisation}/tokens");
        await page.FillAsync("#name", "Forty roles import");
        await page.ClickAsync("text=Create a token");
        var token = (await page.InnerTextAsync("#token")).Trim();

        using var api = app.NewHttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        string[] roles = [.. Enumerable.Range(1, 40).Select(i => $"Role {i:D2} of the ward team")];
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title = "Forty roles",
            workProcess = "running a hospital",
            minimumGroupSize = 3,
            roles = roles.Select(name => new { name }),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/open", null)).StatusCode);

        // Four respondents in each role rate every role, scores 2 to 5 from a fixed seed.
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        var random = new Random(7);
        var respondent = 0;
        foreach (var role in roles)
        {
            for (var person = 0; person < 4; person++, respondent++)
            {
                foreach (var target in roles)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"R{respondent:D4},{role},{target}");
                    for (var item = 0; item < 7; item++)
                    {
                        csv.Append(CultureInfo.InvariantCulture, $",{random.Next(2, 6)}");
                    }

                    csv.Append('\n');
                }
            }
        }

        var imported = await api.PostAsync($"/api/v1/surveys/{id}/responses/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);

        await page.GotoAsync($"{organisation}/surveys/{id}/results/heatmap");
        Assert.Equal(40, await page.Locator("#heatmap tbody tr").CountAsync());
        Assert.Equal(1600, await page.Locator("#heatmap td a").CountAsync());
        var right = await page.EvaluateAsync<double>("document.getElementById('heatmap').getBoundingClientRect().right");
        Assert.True(right <= 1366, $"The heatmap is {right} px wide on a 1366 px screen.");
        await RunShApp.ScreenshotAsync(page, "results-heatmap-40-roles.png", fullPage: true);
    }

    private static readonly string[] SurveyPages = ["", "/share", "/roles", "/edit", "/import", "/change", "/sessions", "/results", "/results/links", "/translations"];

    [Fact]
    public async Task A_facilitator_s_pages_of_an_open_and_a_closed_survey_fit_a_phone()
    {
        await using var context = await app.NewContextAsync(RunShApp.Phone());
        var page = await context.NewPageAsync();
        await RunShApp.SignInAsDemoAsync(page);
        var surveys = new List<string>();
        foreach (var wave in new[] { "wave 1", "wave 3" })
        {
            surveys.Add((await page.GetByRole(AriaRole.Link, new() { Name = $"Discharging a patient — {wave}" }).First.GetAttributeAsync("href"))!);
        }

        var wide = new List<string>();
        foreach (var address in surveys.SelectMany(survey => SurveyPages.Select(p => survey + p)))
        {
            await page.GotoAsync(address);
            await page.WaitForLoadStateAsync(LoadState.Load);
            Assert.True(await RunShApp.StyledAsync(page), $"{address} is not styled");
            if (!await RunShApp.FitsTheScreenAsync(page))
            {
                wide.Add($"{address}: {await page.EvaluateAsync<int>("document.documentElement.scrollWidth")} px");
            }
        }

        // A wide table scrolls in its own box; the page itself never scrolls sideways.
        Assert.True(wide.Count == 0, "Wider than a 360 px phone: " + string.Join(", ", wide));
    }

    [Fact]
    public async Task Generating_invitation_codes_shows_them_once_and_logs_no_warning()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await RunShApp.SignInAsDemoAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Discharging a patient — wave 3" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/surveys/[0-9a-f-]{36}$"));
        var before = app.Output.Count;

        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/share");
        await page.FillAsync("#count", "2");
        var generated = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.Contains("handler=Codes", StringComparison.Ordinal));

        // Shown once and kept by no cache.
        Assert.True(await page.Locator("td.code").CountAsync() >= 2, "no codes were shown");
        Assert.Contains("no-store", (await generated.AllHeadersAsync())["cache-control"], StringComparison.Ordinal);
        var logged = app.Output.Skip(before).Where(line => Regex.IsMatch(line, @"\b(WRN|ERR|FTL)\]")).ToList();
        Assert.True(logged.Count == 0, "Generating codes logged:\n" + string.Join('\n', logged));
    }
}
