using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.PageLanguage;
using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>
/// The facilitator's, owner's and account pages in Danish when asked (<c>?lang=da</c>, then the
/// <c>rc.lang</c> cookie): each with its Danish heading and no English left in its main part; a
/// form's validation message in Danish, while the API's message for the same mistake stays English.
/// </summary>
public sealed class FacilitatorPagesLanguageTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    [Fact]
    public async Task Every_facilitator_and_owner_page_speaks_Danish_when_asked_and_no_English_remains()
    {
        var draft = await scenario.CreateSurveyAsync(scenario.Facilitator, "Udskrivelse kladde", ("Nurses", true, true), ("Physicians", true, true));
        var open = await scenario.OpenSurveyAsync("Udskrivelse åben", ("Nurses", true, true), ("Physicians", true, true));
        var closed = await scenario.ClosedSurveyAsync("Udskrivelse lukket", Wave1, [.. ImportExportTests.HospitalRoles]);
        var invitation = new Uri(await scenario.InvitationLinkAsync(OrgRole.Viewer)).PathAndQuery;
        var owner = await scenario.MemberAsync($"ejer-{Guid.NewGuid():N}@example.org", OrgRole.Owner);
        var facilitator = await scenario.MemberAsync($"facilitator-{Guid.NewGuid():N}@example.org", OrgRole.Facilitator);
        await scenario.ApiClientAsync("Et andet system", facilitator);
        var session = await Sessions.SessionPages.CreateAsync(scenario, closed, "Afdelingsmøde", facilitator);
        var roles = await Respondent.RolesAsync(scenario.App, closed);
        await Sessions.SessionPages.PredictAsync(scenario, closed, session,
            [KeyValuePair.Create(Sessions.SessionPages.Field(roles["Nurses"], roles["Physicians"]), "strong"), KeyValuePair.Create(Sessions.SessionPages.Field(roles["Physicians"], roles["Nurses"]), "weak")], client: facilitator);
        var steps = Sessions.SessionPages.StepIds.Select((_, i) => (facilitator, Sessions.SessionPages.Step(scenario, closed, session, i + 1), $"Trin {i + 1} af 6"));

        (AppClient Client, string Url, string Danish)[] pages =
        [
            (facilitator, "/orgs", "Dine organisationer"),
            (facilitator, Org, "Ny undersøgelse"),
            (facilitator, $"{Org}/surveys/create", "Ny undersøgelse"),
            (facilitator, $"{Org}/surveys/create?waveOf={closed}", "Ny runde af “Udskrivelse lukket”"),
            (facilitator, $"{Org}/surveys/{draft}", "Kladde"),
            (facilitator, $"{Org}/surveys/{open}", "Svarprocent"),
            (owner, $"{Org}/surveys/{closed}", "Eksportér rå besvarelser (CSV)"),
            (facilitator, $"{Org}/surveys/{draft}/edit", "Redigér “Udskrivelse kladde”"),
            (facilitator, $"{Org}/surveys/{closed}/edit", "Undersøgelsen er lukket, og resultaterne er offentliggjort"),
            (facilitator, $"{Org}/surveys/{draft}/roles", "Roller i “Udskrivelse kladde”"),
            (facilitator, $"{Org}/surveys/{draft}/roles?saved=true", "Roller gemt: 2 roller."),
            (facilitator, $"{Org}/surveys/{open}/roles", "Undersøgelsen er åben: rollerne er låst"),
            (facilitator, $"{Org}/surveys/{draft}/share", "Åbn undersøgelsen for at få dens links"),
            (facilitator, $"{Org}/surveys/{open}/share", "Links og QR-koder"),
            (facilitator, $"{Org}/surveys/{open}/import", "Importér besvarelser til “Udskrivelse åben”"),
            (facilitator, $"{Org}/surveys/{draft}/import", "Åbn undersøgelsen, før I importerer"),
            (facilitator, $"{Org}/surveys/{draft}/translations?lang=da", "“Udskrivelse kladde” på dansk"),
            (facilitator, $"{Org}/surveys/{draft}/open", "Åbn “Udskrivelse kladde”?"),
            (facilitator, $"{Org}/surveys/{open}/close", "Luk “Udskrivelse åben”?"),
            (facilitator, $"{Org}/surveys/{closed}/close", "Kun en åben undersøgelse kan lukkes."),
            (facilitator, $"{Org}/surveys/{draft}/delete", "Slet “Udskrivelse kladde”?"),
            (facilitator, $"{Org}/surveys/{draft}/preview", "Forhåndsvisning af “Udskrivelse kladde”"),
            (facilitator, $"{Org}/surveys/{closed}/sessions", "Feedbackmøder om “Udskrivelse lukket”"),
            (facilitator, $"{Org}/surveys/{closed}/sessions/new", "Nyt feedbackmøde om “Udskrivelse lukket”"),
            (facilitator, $"{Org}/surveys/{draft}/sessions", "Et feedbackmøde kræver undersøgelsens offentliggjorte resultater"),
            .. steps,
            (facilitator, Sessions.SessionPages.Print(scenario, closed, session), "Feedbackmøde: Afdelingsmøde"),
            (facilitator, $"{Org}/tokens", "API-nøgler"),
            (owner, $"{Org}/members", "Medlemmer af Medical wards"),
            (owner, $"{Org}/settings", "Medical wards: indstillinger og data"),
            (owner, $"{Org}/settings/wording/en", "Spørgsmålenes ordlyd på engelsk"),
            (owner, $"{Org}/settings/wording/da", "Spørgsmålenes ordlyd på dansk"),
            (owner, $"{Org}/audit", "Revisionslog"),
            (facilitator, "/account/manage/password", "Skift adgangskode"),
            (facilitator, "/account/signout", "Log ud"),
            (facilitator, "/account/denied", "Ikke tilladt"),
            (facilitator, invitation, "Bliv medlem af Medical wards"),
            (facilitator, "/invitations/not-a-token", "Invitationen kan ikke bruges"),
            (facilitator, "/status/404", "Ikke fundet"),
            (facilitator, "/error", "Noget gik galt"),
        ];

        await owner.GetAsync("/orgs?lang=da");
        await facilitator.GetAsync("/orgs?lang=da");
        foreach (var (client, url, expected) in pages)
        {
            var page = await client.GetAsync(url);
            Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {page.Status}");
            Assert.Contains("<html lang=\"da\">", page.Html, StringComparison.Ordinal);
            var text = DanishText(page.Html);
            Assert.Contains(expected, text, StringComparison.Ordinal);
            var words = EnglishLeft(text);
            Assert.True(words.Count == 0, $"{url}: English left ({string.Join(", ", words)}) in: {text}");
        }

        // A refused prediction, in Danish.
        var refused = await Sessions.SessionPages.PredictAsync(scenario, closed, session, [KeyValuePair.Create(Sessions.SessionPages.Field(roles["Nurses"], roles["Physicians"]), "enormous")], client: facilitator);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Nurses → Physicians: vælg svag, moderat eller stærk, eller lad feltet stå tomt for “ved ikke”.", refused.Text, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft(DanishText(refused.Html)));

        // The audit log's details stay as they were written, marked as English.
        Assert.Matches("<td lang=\"en\">[^<]*</td>", (await owner.GetAsync($"{Org}/audit")).Html);

        // The printed pages: the poster and the slips speak the respondents' language, their screen-only line the page's.
        var poster = await facilitator.GetAsync($"{Org}/surveys/{open}/poster");
        Assert.Contains("<html lang=\"da\">", poster.Html, StringComparison.Ordinal);
        Assert.Contains("brug browserens Udskriv (A4, ingen margener nødvendige)", poster.Text, StringComparison.Ordinal);
        var share = $"{Org}/surveys/{open}/share";
        var generated = await facilitator.PostAsync($"{share}?handler=Codes", [KeyValuePair.Create("count", "2"), KeyValuePair.Create("role", "")], share);
        Assert.Contains("4 invitationskoder lavet. De vises kun nu", generated.Text, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft(DanishText(generated.Html)));
        var codes = Regex.Match(generated.Html, "name=\"codes\" value=\"([^\"]+)\"").Groups[1].Value;
        var slips = await facilitator.PostAsync($"{Org}/surveys/{open}/slips", [KeyValuePair.Create("codes", codes)], share);
        Assert.Equal(HttpStatusCode.OK, slips.Status);
        Assert.Contains("<html lang=\"da\">", slips.Html, StringComparison.Ordinal);
        Assert.Contains("4 ubrugte koder · brug browserens Udskriv", slips.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_pages_speak_Danish_to_an_anonymous_visitor()
    {
        var visitor = scenario.App.NewClient();
        (string Url, string Danish)[] pages =
        [
            ("/?lang=da", "Undersøgelser af relationel koordinering"),
            ("/account/signin", "Log ind"),
            ("/account/signup", "Opret en konto"),
        ];

        foreach (var (url, expected) in pages)
        {
            var page = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("<html lang=\"da\">", page.Html, StringComparison.Ordinal);
            var text = DanishText(page.Html);
            Assert.Contains(expected, text, StringComparison.Ordinal);
            Assert.Empty(EnglishLeft(text));
        }

        var wrong = await visitor.PostAsync("/account/signin", [KeyValuePair.Create("Email", "nobody@example.org"), KeyValuePair.Create("Password", "not the password")], "/account/signin");
        Assert.Contains("E-mail eller adgangskode er forkert.", wrong.Text, StringComparison.Ordinal);
        var tooShort = await visitor.PostAsync("/account/signup", [KeyValuePair.Create("Input.Email", "kort@example.org"), KeyValuePair.Create("Input.Password", "kort")], "/account/signup");
        Assert.Contains("Adgangskoden skal have mindst 10 tegn.", tooShort.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_without_a_title_is_refused_in_Danish_on_the_page_and_in_English_by_the_API()
    {
        var client = await scenario.MemberAsync($"titel-{Guid.NewGuid():N}@example.org", OrgRole.Facilitator);
        var create = $"{Org}/surveys/create";
        await client.GetAsync($"{create}?lang=da");

        var refused = await client.PostAsync(create, [KeyValuePair.Create("Input.Title", " "), KeyValuePair.Create("Input.WorkProcess", ""),
            KeyValuePair.Create("Input.FrequencyVariant", "Frequency"), KeyValuePair.Create("Input.MinGroupSize", "2")], create);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var text = DanishText(refused.Html);
        Assert.Contains("Giv undersøgelsen en titel.", text, StringComparison.Ordinal);
        Assert.Contains("Angiv arbejdsprocessen, fx \"udskrivelse af en patient\".", text, StringComparison.Ordinal);
        Assert.Contains("Den mindste gruppestørrelse skal være mellem 3 og 100: under 3 kan svar spores til personer.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Give the survey a title.", refused.Html, StringComparison.Ordinal);
        Assert.Empty(EnglishLeft(text));

        // The same mistakes through the API: the same English problem details, whatever language is asked for.
        using var api = await scenario.ApiClientAsync("Titeltest", client);
        const string body = """{"title":" ","workProcess":"","minimumGroupSize":2,"roles":[{"name":"A"}]}""";
        var english = await PostSurveyAsync(api, body, null);
        var danish = await PostSurveyAsync(api, body, "da-DK, da;q=0.9");
        var danishByQuery = await PostSurveyAsync(api, body, null, "?lang=da");

        Assert.Equal(HttpStatusCode.BadRequest, english.Status);
        var errors = JsonDocument.Parse(english.Body).RootElement.GetProperty("errors");
        Assert.Equal("Give the survey a title.", errors.GetProperty("title")[0].GetString());
        Assert.Equal("Name the work process, e.g. \"discharging a patient\".", errors.GetProperty("workProcess")[0].GetString());
        Assert.Equal(WithoutTrace(english.Body), WithoutTrace(danish.Body));
        Assert.Equal(WithoutTrace(english.Body), WithoutTrace(danishByQuery.Body));
        Assert.Equal(english.Status, danish.Status);
    }

    [Fact]
    public async Task A_pages_messages_stay_English_by_default()
    {
        var create = $"{Org}/surveys/create";
        var refused = await scenario.Facilitator.PostAsync(create, [KeyValuePair.Create("Input.Title", ""), KeyValuePair.Create("Input.WorkProcess", "w"),
            KeyValuePair.Create("Input.FrequencyVariant", "Frequency"), KeyValuePair.Create("Input.MinGroupSize", "5")], create);

        Assert.Contains("<html lang=\"en\">", refused.Html, StringComparison.Ordinal);
        Assert.Contains("Give the survey a title.", refused.Text, StringComparison.Ordinal);
        Assert.Contains(">New survey<", refused.Html, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostSurveyAsync(HttpClient api, string body, string? acceptLanguage, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys{query}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using var response = await api.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The problem details without the request's own trace id, which differs from request to request.</summary>
    private static string WithoutTrace(string body) => Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"…\"");
}
