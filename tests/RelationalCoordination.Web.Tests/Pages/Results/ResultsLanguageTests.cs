using System.Net;
using System.Text.RegularExpressions;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.PageLanguage;
using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;

namespace RelationalCoordination.Web.Tests.Pages.Results;

/// <summary>
/// The leader's results pages in Danish: chosen with <c>?lang=da</c>, remembered in the <c>rc.lang</c>
/// cookie, English by default; and no English left on a Danish page.
/// </summary>
public sealed class ResultsLanguageTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    /// <summary>Each results page with a Danish heading (or text) it must show, and English headings and labels it must not.</summary>
    private static readonly (string Page, string Danish, string[] English)[] Pages =
    [
        ("", "Kan man stole på resultaterne?", ["Can these results be trusted?", "Strengths to build on", "Ties to work on", "The network", "Take the numbers with you",
            "Back to the survey", "respondents in", "on a scale from 1 to 5", "The figures behind these sentences", "What it means", "Excel workbook", "Network map",
            "Where to start", "Share these results", "Respondents", "Do the seven questions agree?", "strong ties between roles", "points"]),
        ("/heatmap", "Heatmap for", ["Heatmap of", "Rows: how people", "The diagonal", "RC index (tie strength)", "Frequent communication", "weak, below 3.5",
            "no data", "How … experience", "The survey"]),
        ("/network", "Rollenetværket i", ["The role network", "Each role is a circle", "dashed orange", "Download SVG", "Ties between roles, weakest first",
            "Role network: reportable ties", "respondents", "a bridge between roles"]),
        ("/start", "Hvor I kan begynde", ["Where to start", "The weakest ties", "The most asymmetric pairs", "The weakest dimension", "Roles that bridge weak pairs",
            "conversation of interdependence", "What are your primary responsibilities?", "Work process:", "What the pattern suggests", "Relational legacy", "conversation guide"]),
        ("/compare", "over for en tidligere runde", ["against an earlier wave", "The whole network", "Tie by tie", "Rating role", "Rated role", "Verdict",
            "improved significantly", "within chance", "Earlier wave", "A change is significant"]),
        ("/series", "Alle runder af", ["All waves of", "The RC index, wave by wave", "Each role: how the others experience it", "Each tie between roles",
            "Ties of", "every role", "Closed", "Wave 1"]),
        ("/report", "Relationel koordinering:", ["Relational coordination:", "Work process:", "Summary", "between roles", "within a role", "Strong ties among",
            "Heatmap: how each role", "Where to start", "The weakest ties", "Network map", "Experiences the others", "Betweenness", "Use your browser's Print"]),
        ("/links", "Del resultaterne af", ["Share the results of", "A read-only link", "Valid for (days)", "Make a link", "No links yet", "Results"]),
    ];

    [Fact]
    public async Task Every_results_page_speaks_Danish_when_asked_and_no_English_remains()
    {
        var (earlier, id, roles) = await TwoWavesAsync();
        var danish = await scenario.MemberAsync($"dansk-{Guid.NewGuid():N}@example.org", OrgRole.Facilitator);
        var (a, b) = (roles["Nurses"], roles["Physicians"]);
        var all = Pages.Select(p => (Url: $"{Org}/surveys/{id}/results{p.Page}", p.Danish, p.English))
            .Append(($"{Org}/surveys/{id}/results/tie?from={a:N}&to={b:N}", "Begge retninger", ["Both directions", "tie strength", "confidence interval", "responses (n)", "Dimension ", "The other direction"]))
            .Append(($"{Org}/surveys/{id}/results/roles/{a}", "Efter dimension", ["By dimension", "how it experiences the others", "betweenness", "Rated role", "Tie strength", "experienced by the others"]))
            .Append(($"{Org}/surveys/{id}/results/conversation?a={a}&b={b}", "En samtale om gensidig afhængighed", ["A conversation of interdependence", "Before", "After", "In pairs", "ground rules", "Use your browser's Print"]))
            .Append(($"{Org}/surveys/{earlier}/results/series", "Alle runder af", ["All waves of", "The RC index, wave by wave", "What the change team did", "Performance outcomes", "(Efficiency"]))
            .Append(($"{Org}/surveys/{earlier}/change", "Forandringsplan for", ["Change plan for", "Interventions", "Structures at weak boundaries", "Performance outcomes", "Shared protocols", "Underway"]))
            .Append(($"{Org}/surveys/{earlier}/change/interventions?item=shared-protocols&from=Nurses&to=Physicians", "Tilføj en indsats", ["Add an intervention", "Ties it targets", "Test cycles", "Shared protocols", "Write down"]))
            .Append(($"{Org}/surveys/{earlier}/change/structures?a=Nurses&b=Physicians", "Strukturer mellem", ["Structures between", "present", "Selection for teamwork", "Into the plan"]))
            .Append(($"{Org}/surveys/{earlier}/change/outcomes", "Resultater omkring", ["Performance outcomes", "Record a measure", "Efficiency and finance"]));

        // Something on each change page: an intervention, an assessment, an outcome measure.
        var plan = $"{Org}/surveys/{earlier}/change/interventions";
        await scenario.Facilitator.PostFromAsync(plan, plan, ("Input.Item", "shared-protocols"), ("Input.Status", "Underway"),
            ("Input.Targets[0].From", "Nurses"), ("Input.Targets[0].To", "Physicians"), ("Input.Cycles[0].Experiment", "Én side"));
        var structures = $"{Org}/surveys/{earlier}/change/structures?a=Nurses&b=Physicians";
        await scenario.Facilitator.PostFromAsync(structures, structures, ("Ratings[0].Structure", "shared-protocols"), ("Ratings[0].Presence", "Weak"));
        var outcomes = $"{Org}/surveys/{earlier}/change/outcomes";
        await scenario.Facilitator.PostFromAsync(outcomes, outcomes, ("Input.Heading", "EfficiencyAndFinance"), ("Input.Name", "Liggetid"), ("Input.Value", "5"));

        var first = true;
        foreach (var (url, expected, english) in all)
        {
            var page = await danish.GetAsync(first ? url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=da" : url);
            first = false;
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("<html lang=\"da\">", page.Html, StringComparison.Ordinal);
            var text = DanishText(page.Html);
            Assert.Contains(expected, text, StringComparison.Ordinal);
            Assert.All(english, e => Assert.DoesNotContain(e, text, StringComparison.Ordinal));
            var words = EnglishWord().Matches(text).Select(m => m.Value).Distinct().ToList();
            Assert.True(words.Count == 0, $"{url}: English left ({string.Join(", ", words)}) in: {text}");
        }

        // The menu too.
        var overview = await danish.GetAsync($"{Org}/surveys/{id}/results");
        Assert.Contains(">Log ud<", overview.Html, StringComparison.Ordinal);
        Assert.Contains("<strong aria-current=\"true\" lang=\"da\">Dansk</strong>", overview.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_is_remembered_English_is_the_default_and_the_browser_is_heard()
    {
        var id = await scenario.ClosedSurveyAsync("Sprog", Wave1, [.. ImportExportTests.HospitalRoles]);
        var results = $"{Org}/surveys/{id}/results";
        var client = await scenario.MemberAsync($"sprog-{Guid.NewGuid():N}@example.org", OrgRole.Viewer);

        var english = await client.GetAsync(results);
        Assert.Contains("<html lang=\"en\">", english.Html, StringComparison.Ordinal);
        Assert.Contains("Can these results be trusted?", english.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{results}?lang=da\"", english.Html, StringComparison.Ordinal);

        Assert.Contains("Kan man stole på resultaterne?", (await client.GetAsync($"{results}?lang=da")).Text, StringComparison.Ordinal);
        var remembered = await client.GetAsync($"{results}/heatmap");
        Assert.Contains("<html lang=\"da\">", remembered.Html, StringComparison.Ordinal);
        Assert.Contains("Heatmap for", remembered.Text, StringComparison.Ordinal);
        Assert.Contains("Can these results be trusted?", (await client.GetAsync($"{results}?lang=en")).Text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", (await client.GetAsync(results)).Html, StringComparison.Ordinal);

        // Without a choice, the browser's language; numbers keep their decimal point in Danish.
        var browser = await scenario.MemberAsync($"browser-{Guid.NewGuid():N}@example.org", OrgRole.Viewer);
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("da-DK, en;q=0.5");
        var page = await browser.GetAsync(results);
        Assert.Contains("<html lang=\"da\">", page.Html, StringComparison.Ordinal);
        Assert.Contains($"RC-indeks {F2(Engine().Summary.RcIndex)} på en skala fra 1 til 5", Squash(page.Text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shared_link_speaks_the_readers_language()
    {
        var id = await scenario.ClosedSurveyAsync("Delt", Wave1, [.. ImportExportTests.HospitalRoles]);
        var links = $"{Org}/surveys/{id}/results/links";
        var made = await scenario.Facilitator.PostAsync($"{links}?handler=Create", [KeyValuePair.Create("days", "14")], links);
        var url = Regex.Match(made.Html, "id=\"link\">http://localhost(/r/[^<]+)<").Groups[1].Value;
        var reader = scenario.App.NewClient();

        var shared = await reader.GetAsync($"{url}?lang=da");
        Assert.Contains("<html lang=\"da\">", shared.Html, StringComparison.Ordinal);
        Assert.Contains("Relationel koordinering — delte resultater", shared.Text, StringComparison.Ordinal);
        var text = DanishText(shared.Html);
        Assert.All(["shared results", "Work process", "Network map", "Show", "respondents"], e => Assert.DoesNotContain(e, text, StringComparison.Ordinal));
        Assert.Empty(EnglishWord().Matches(text));
        Assert.Contains("Dette link findes ikke", (await reader.GetAsync("/r/not-a-link")).Text, StringComparison.Ordinal);
        Assert.Contains("This link does not exist", (await scenario.App.NewClient().GetAsync("/r/not-a-link")).Text, StringComparison.Ordinal);
    }

    /// <summary>Two closed waves of one series, the later one's id, and its role ids by name.</summary>
    private async Task<(Guid Earlier, Guid Later, Dictionary<string, Guid> Roles)> TwoWavesAsync()
    {
        var earlier = await scenario.ClosedSurveyAsync("Udskrivelse 1", Wave1, [.. ImportExportTests.HospitalRoles]);
        var wave2 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave2.csv"));
        var later = await scenario.ClosedSurveyAsync("Udskrivelse 2", wave2, [.. ImportExportTests.HospitalRoles]);
        await scenario.MakeNextWaveAsync(earlier, later);
        return (earlier, later, await Respondent.RolesAsync(scenario.App, later));
    }
}
