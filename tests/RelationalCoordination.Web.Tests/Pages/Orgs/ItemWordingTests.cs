using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Features.Organisations;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.PageLanguage;

namespace RelationalCoordination.Web.Tests.Pages.Orgs;

/// <summary>
/// An organisation's own item wording (decision 23): entered by an owner per language, checked
/// whole, read by respondents and the preview, snapshot into a survey when it opens, and audited.
/// </summary>
public sealed class ItemWordingTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    /// <summary>Eight texts, one per slot, each naming its item and <paramref name="tag"/> (not the official wording: made up here).</summary>
    private static string[] Texts(string tag) => [.. ItemWordings.Slots.Select(s => $"Own {s.Key} {tag}: {{work process}}, quoted \"<b>\"?")];

    private static string Shown(string text, string workProcess = "discharging a patient") => text.Replace("{work process}", workProcess, StringComparison.Ordinal);

    /// <summary>Posts the wording form: a wording per slot (null: empty), and option lines for some.</summary>
    private Task<AppClient.Page> SaveAsync(string language, IReadOnlyList<string?> wordings, IReadOnlyDictionary<int, string>? options = null, AppClient? client = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < ItemWordings.Slots.Count; i++)
        {
            fields.Add(KeyValuePair.Create($"Items[{i}].Wording", wordings.ElementAtOrDefault(i) ?? ""));
            fields.Add(KeyValuePair.Create($"Items[{i}].Options", options?.GetValueOrDefault(i) ?? ""));
        }

        var url = $"{Org}/settings/wording/{language}";
        return (client ?? scenario.Owner).PostAsync(url, fields, url);
    }

    private Task<List<Data.ItemWording>> StoredAsync() =>
        app.QueryAsync(db => db.Organisations.AsNoTracking().Where(o => o.Id == scenario.OrgId).Select(o => o.ItemWordings).SingleAsync());

    private async Task<(Guid Id, Respondent Respondent)> OpenAndStartAsync(string title, string role = "Nurses")
    {
        var id = await scenario.OpenSurveyAsync(title, ("Nurses", true, true), ("Physicians", true, true));
        var respondent = new Respondent(app, await Respondent.KeyOfAsync(app, id));
        await respondent.StartAsync((await Respondent.RolesAsync(app, id))[role]);
        return (id, respondent);
    }

    [Fact]
    public async Task Respondents_and_the_preview_read_the_organisations_wording_with_every_option_scored_as_before()
    {
        var own = Texts("A");
        var saved = await SaveAsync("en", own, new Dictionary<int, string> { [2] = "t-one\r\nt-two\n\n t-three \nt-four\nt-five\n" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(["frequency", "sufficiency", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"], (await StoredAsync()).Select(w => w.Item));
        Assert.Equal(["t-one", "t-two", "t-three", "t-four", "t-five"], (await StoredAsync()).Single(w => w.Item == "timely").Options);
        var page = await scenario.Owner.GetAsync($"{Org}/settings/wording/en?saved=true&lang=en");
        Assert.Contains("Respondents who answer in English read your organisation's own wording.", page.Text, StringComparison.Ordinal);

        // A draft's preview shows it already: it is what the survey will take when it opens.
        var draft = await scenario.CreateSurveyAsync(scenario.Facilitator, "Own wording, draft", ("Nurses", true, true));
        var preview = await scenario.Viewer.GetAsync($"{Org}/surveys/{draft}/preview?lang=en");
        Assert.All(own.Where((_, i) => i != 1), text => Assert.Contains(Shown(text), preview.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(Shown(own[1]), preview.Text, StringComparison.Ordinal);   // a frequency survey: not the sufficiency wording

        var (id, respondent) = await OpenAndStartAsync("Own wording");
        using (respondent)
        {
            var timely = await respondent.Client.GetAsync($"{respondent.Base}/q/2?lang=en");
            Assert.Contains(Shown(own[2]), timely.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(SurveyInstrument.Item(Dimension.Timely).WordingFor("discharging a patient"), timely.Text, StringComparison.Ordinal);
            var html = WebUtility.HtmlDecode(timely.Html);
            foreach (var (label, score) in new[] { ("t-one", 1), ("t-two", 2), ("t-three", 3), ("t-four", 4), ("t-five", 5) })
            {
                Assert.Contains($"value=\"{score}\" /> <span>{label}</span>", html, StringComparison.Ordinal);
            }

            Assert.Contains(Shown(own[0]), (await respondent.Client.GetAsync($"{respondent.Base}/q/1?lang=en")).Text, StringComparison.Ordinal);
            Assert.Contains("value=\"5\" /> <span>constantly</span>", WebUtility.HtmlDecode((await respondent.Client.GetAsync($"{respondent.Base}/q/1?lang=en")).Html), StringComparison.Ordinal);
            Assert.Contains(Shown(own[7]), (await respondent.Client.GetAsync($"{respondent.Base}/review?lang=en")).Text, StringComparison.Ordinal);

            // In Danish, which has no own wording, the app's Danish wording.
            var danish = await respondent.Client.GetAsync($"{respondent.Base}/q/2?lang=da");
            Assert.Contains(SurveyInstrument.Item(Dimension.Timely, FrequencyVariant.Frequency, InstrumentLanguage.Danish).WordingFor("discharging a patient"), danish.Text, StringComparison.Ordinal);
        }

        Assert.Equal(8, await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ItemWordings.Count).SingleAsync()));
        // The organisation's export carries its wording and each survey's copy.
        using (var zip = new System.IO.Compression.ZipArchive(await scenario.Owner.Http.GetStreamAsync($"{Org}/settings?handler=Export")))
        {
            using var reader = new StreamReader(zip.GetEntry("organisation.json")!.Open());
            var organisation = System.Text.Json.JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement;
            Assert.Contains(organisation.GetProperty("itemWording").EnumerateArray(), w => w.GetProperty("wording").GetString() == own[2].Trim());
            var survey = organisation.GetProperty("surveys").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == id);
            Assert.Equal(["t-one", "t-two", "t-three", "t-four", "t-five"],
                survey.GetProperty("itemWording").EnumerateArray().Single(w => w.GetProperty("item").GetString() == "timely").GetProperty("options").EnumerateArray().Select(o => o.GetString()));
            Assert.All(survey.GetProperty("roles").EnumerateArray(), r => Assert.Equal("staff", r.GetProperty("kind").GetString()));
        }
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(e => e.OrganisationId == scenario.OrgId && e.Action == AuditActions.ItemWordingChanged).ToListAsync());
        Assert.Contains(audit, e => e.Subject.StartsWith("English: the organisation's own wording (frequency, sufficiency, timely", StringComparison.Ordinal));
        Assert.Contains(await app.QueryAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.SurveyOpened).Select(e => e.Subject).ToListAsync()),
            s => s.Contains("Own wording", StringComparison.Ordinal) && s.EndsWith("with the organisation's own item wording (en)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_survey_keeps_the_wording_it_opened_with_while_drafts_follow_the_organisation()
    {
        var first = Texts("B");
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync("en", first)).Status);
        var (id, respondent) = await OpenAndStartAsync("Kept wording");
        using (respondent)
        {
            Assert.Contains(Shown(first[3]), (await respondent.Client.GetAsync($"{respondent.Base}/q/3?lang=en")).Text, StringComparison.Ordinal);

            var second = Texts("C");
            Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync("en", second)).Status);
            // The respondent, midway: the questions have not changed under them.
            var later = await respondent.Client.GetAsync($"{respondent.Base}/q/3?lang=en");
            Assert.Contains(Shown(first[3]), later.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(Shown(second[3]), later.Text, StringComparison.Ordinal);
            Assert.Contains(Shown(first[3]), (await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/preview?lang=en")).Text, StringComparison.Ordinal);
            var draft = await scenario.CreateSurveyAsync(scenario.Facilitator, "Kept wording, draft", ("Nurses", true, true));
            Assert.Contains(Shown(second[3]), (await scenario.Viewer.GetAsync($"{Org}/surveys/{draft}/preview?lang=en")).Text, StringComparison.Ordinal);

            // Every box empty: back to the app's own wording, for drafts; the open survey still keeps its own.
            Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync("en", [])).Status);
            Assert.DoesNotContain(await StoredAsync(), w => w.Language == "en");
            Assert.Contains(SurveyInstrument.Item(Dimension.Accurate).WordingFor("discharging a patient"),
                (await scenario.Viewer.GetAsync($"{Org}/surveys/{draft}/preview?lang=en")).Text, StringComparison.Ordinal);
            Assert.Contains(Shown(first[3]), (await respondent.Client.GetAsync($"{respondent.Base}/q/3?lang=en")).Text, StringComparison.Ordinal);
            Assert.Contains(await app.QueryAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.ItemWordingChanged).Select(e => e.Subject).ToListAsync()),
                s => s == "English: the app's own wording");
        }
    }

    [Fact]
    public async Task A_survey_in_a_variant_the_organisation_did_not_word_and_its_clients_read_the_apps_wording()
    {
        var own = Texts("D");
        own[1] = null!;   // no sufficiency wording
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync("en", own)).Status);
        Assert.DoesNotContain(await StoredAsync(), w => w.Item == "sufficiency");

        var created = await scenario.Facilitator.PostAsync($"{Org}/surveys/create",
            ("Input.Title", "Sufficiency"), ("Input.WorkProcess", "discharging a patient"), ("Input.FrequencyVariant", "Sufficiency"), ("Input.MinGroupSize", "5"));
        var sufficiency = Guid.Parse(created.Location!.Split('/')[^2]);
        await scenario.SaveRolesAsync(scenario.Facilitator, sufficiency, ("Nurses", true, true));
        var preview = await scenario.Viewer.GetAsync($"{Org}/surveys/{sufficiency}/preview?lang=en");
        // All seven from the app: never half one wording, half the other.
        Assert.All(SurveyInstrument.Items(FrequencyVariant.Sufficiency), item => Assert.Contains(item.WordingFor("discharging a patient"), preview.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(Shown(own[2]), preview.Text, StringComparison.Ordinal);

        // A client role keeps the client wording.
        var draft = await scenario.CreateSurveyAsync(scenario.Facilitator, "Own wording and clients", ("Nurses", true, true), ("Patients", true, false));
        var roles = await Respondent.RolesAsync(app, draft);
        await app.QueryAsync(db => db.SurveyRoles.Where(r => r.Id == roles["Patients"]).ExecuteUpdateAsync(u => u.SetProperty(r => r.Kind, RoleKind.Client)));
        var clients = await scenario.Viewer.GetAsync($"{Org}/surveys/{draft}/preview?lang=en&audience=client");
        Assert.Contains(SurveyInstrument.Item(Dimension.Timely, FrequencyVariant.Frequency, InstrumentLanguage.English, ItemAudience.Client).WordingFor("discharging a patient"), clients.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Shown(own[2]), clients.Text, StringComparison.Ordinal);
    }

    public static TheoryData<int, string, string?, string> Refusals => new()
    {
        { 2, "", null, "Timely communication, wording: Give the wording." },
        { 3, "Is it accurate?", null, "Accurate communication, wording: The wording must contain {work process}: that is where each survey's work process goes." },
        { 4, "{work process}" + new string('x', 487), null, "Problem-solving communication, wording: The wording can have at most 500 characters." },
        { 5, "Goals in {work process}?", "a\nb\nc\nd", "Shared goals, option labels: Give five option labels, one a line, in the order of the default labels — or none, to keep the default labels." },
        { 6, "Knowledge of {work process}?", "a\nb\nc\nd\nA\na", "Shared knowledge, option labels: Give five option labels, one a line, in the order of the default labels — or none, to keep the default labels." },
        { 6, "Knowledge of {work process}?", "a\nb\nc\nd\na", "Shared knowledge, option labels: The five option labels must differ from each other." },
        { 7, "Respect in {work process}?", "a\nb\nc\nd\n" + new string('e', 101), "Mutual respect, option labels: An option label can have at most 100 characters." },
        { 0, "", null, "Frequent communication (frequency wording), wording: Give the first item's wording for the frequency or the sufficiency variant, or both." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_wording_that_would_break_an_item_is_refused_naming_the_item_and_nothing_is_stored(int slot, string wording, string? options, string message)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync("en", Texts("E"))).Status);
        var before = await scenario.FingerprintAsync();
        var texts = Texts("F").Select(t => (string?)t).ToArray();
        texts[slot] = wording;
        if (slot == 0)
        {
            texts[1] = "";
        }

        var refused = await SaveAsync("en", texts, options is null ? null : new Dictionary<int, string> { [slot] = options });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(message, WebUtility.HtmlDecode(refused.Text), StringComparison.Ordinal);
        Assert.Equal(before, await scenario.FingerprintAsync());
        Assert.All(await StoredAsync(), w => Assert.Contains(" E:", w.Wording, StringComparison.Ordinal));
        // The form comes back as typed.
        Assert.Contains(WebUtility.HtmlEncode(Texts("F")[slot == 3 ? 2 : 3]).Replace("&#x27;", "'", StringComparison.Ordinal), refused.Html.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wording_page_and_its_refusals_speak_Danish_and_only_an_owner_may_change_it()
    {
        await scenario.Owner.GetAsync($"{Org}/settings?lang=da");
        var texts = Texts("G").Select(t => (string?)t).ToArray();
        texts[2] = "";

        var refused = await SaveAsync("da", texts);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var text = DanishText(refused.Html);
        Assert.Contains("Rettidig kommunikation, ordlyd: Angiv ordlyden.", text, StringComparison.Ordinal);
        Assert.Contains("Spørgsmålenes ordlyd på dansk", text, StringComparison.Ordinal);
        var settings = DanishText((await scenario.Owner.GetAsync($"{Org}/settings")).Html);
        Assert.Contains("Spørgsmålenes ordlyd på engelsk", settings, StringComparison.Ordinal);
        await scenario.Owner.GetAsync($"{Org}/settings?lang=en");

        var before = await scenario.FingerprintAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await SaveAsync("en", Texts("H"), client: scenario.Facilitator)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Owner.GetAsync($"{Org}/settings/wording/de")).Status);
        Assert.Equal(before, await scenario.FingerprintAsync());
    }
}
