using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;
using static RelationalCoordination.Web.Tests.Pages.Sessions.SessionPages;

namespace RelationalCoordination.Web.Tests.Pages.Sessions;

/// <summary>
/// Feedback sessions: made for a survey with published results, the room's predictions stored by
/// rating role, the results revealed beside them (reportable ties only), strengths before weak
/// ties on the steps and on the printable report, and the model's next steps.
/// </summary>
public sealed class FeedbackSessionTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task A_facilitator_makes_a_session_of_a_closed_survey_and_finds_it_listed()
    {
        var id = await ClosedAsync("Listed");

        var form = await scenario.Facilitator.GetAsync($"{ListUrl(scenario, id)}/new");
        Assert.Contains("id=\"new-session-form\"", form.Html, StringComparison.Ordinal);
        var session = await CreateAsync(scenario, id, "Ward meeting, March");

        var stored = await app.QueryAsync(db => db.FeedbackSessions.AsNoTracking().SingleAsync(s => s.Id == session));
        Assert.Equal(("Ward meeting, March", new DateOnly(2026, 12, 15), id), (stored.Name, stored.HeldOn, stored.SurveyId));
        Assert.Empty(stored.Predictions);
        var list = await scenario.Viewer.GetAsync(ListUrl(scenario, id));
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains($"Ward meeting, March | 2026-12-15 | 0 | Printable report", string.Join("\n", Rows(list.Html, "sessions")), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"new-session\"", list.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"new-session\"", (await scenario.Facilitator.GetAsync(ListUrl(scenario, id))).Html, StringComparison.Ordinal);
        Assert.Contains($"/surveys/{id}/sessions\"", (await scenario.Viewer.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results")).Html, StringComparison.Ordinal);
        Assert.Contains($"/surveys/{id}/sessions\"", (await scenario.Viewer.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_session_can_be_made_before_the_survey_has_published_results()
    {
        var open = await scenario.OpenSurveyAsync("Still open", ("Nurses", true, true), ("Physicians", true, true));
        var before = await scenario.FingerprintAsync();

        var refused = await scenario.Facilitator.PostAsync($"{ListUrl(scenario, open)}/new", ("Input.Name", "Too early"));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("A feedback session needs the survey's published results", refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"new-session-form\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.FingerprintAsync());
        Assert.Contains("id=\"not-yet\"", (await scenario.Facilitator.GetAsync(ListUrl(scenario, open))).Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "Give the session a name")]
    [InlineData("   ", "2026-12-15", "Give the session a name")]
    [InlineData("x", "1999-12-31", "The date of the session must lie between 2000 and 2100.")]
    [InlineData("x", "not a date", "is not valid for")]
    public async Task A_session_without_a_name_or_with_a_bad_date_is_refused_naming_the_field_and_nothing_is_stored(string name, string date, string message)
    {
        var id = await ClosedAsync($"Refused {Guid.NewGuid():N}");
        var before = await scenario.FingerprintAsync();

        var refused = await scenario.Facilitator.PostAsync($"{ListUrl(scenario, id)}/new", ("Input.Name", name), ("Input.HeldOn", date));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(message, refused.Html, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.FingerprintAsync());
        var tooLong = await scenario.Facilitator.PostAsync($"{ListUrl(scenario, id)}/new", ("Input.Name", new string('x', 201)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Contains("The name can have at most 200 characters.", tooLong.Text, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.FingerprintAsync());
    }

    [Fact]
    public async Task Predictions_are_stored_by_rating_role_and_come_back_on_the_map()
    {
        var id = await ClosedAsync("Predicted");
        var roles = await Respondent.RolesAsync(app, id);
        var session = await CreateAsync(scenario, id);

        var saved = await PredictAsync(scenario, id, session,
        [
            KeyValuePair.Create(Field(roles["Nurses"], roles["Physicians"]), "weak"),
            KeyValuePair.Create(Field(roles["Physicians"], roles["Nurses"]), "strong"),
            KeyValuePair.Create(Field(roles["Pharmacists"], roles["Nurses"]), ""),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.EndsWith($"/step/2?saved=True", saved.Location, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["Nurses → Physicians: Weak", "Physicians → Nurses: Strong"], await PredictionsAsync(app, session));
        var map = await scenario.Viewer.GetAsync(Step(scenario, id, session, 2));
        Assert.Contains("<form method=\"post\" id=\"predictions\">", map.Html, StringComparison.Ordinal);
        // Every tie between two different roles is on the map: 8 roles rate 7 others.
        Assert.Equal(56, Regex.Count(map.Html, "<select id=\"p-"));
        Assert.Matches($"name=\"{Regex.Escape(Field(roles["Nurses"], roles["Physicians"]))}\">.*?<option value=\"weak\" selected=\"selected\">", Squash(map.Html));
        // A viewer sees the room's predictions but cannot change them.
        Assert.Contains("<fieldset class=\"map\" disabled=\"disabled\"", map.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"save-predictions\"", map.Html, StringComparison.Ordinal);

        // Next saves as well, and goes on to the results; a blank field is "don't know" and removes a prediction.
        var next = await PredictAsync(scenario, id, session, [KeyValuePair.Create(Field(roles["Nurses"], roles["Physicians"]), "moderate"), KeyValuePair.Create(Field(roles["Physicians"], roles["Nurses"]), "")], go: "next");
        Assert.EndsWith("/step/3", next.Location, StringComparison.Ordinal);
        Assert.Equal(["Nurses → Physicians: Moderate"], await PredictionsAsync(app, session));

        var byViewer = await PredictAsync(scenario, id, session, [KeyValuePair.Create(Field(roles["Nurses"], roles["Physicians"]), "strong")], client: scenario.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.Status);
        Assert.Equal(["Nurses → Physicians: Moderate"], await PredictionsAsync(app, session));
    }

    public static TheoryData<string, string, string, string> BadPredictions => new()
    {
        // from, to, band, message
        { "Nurses", "Physicians", "very strong", "Nurses → Physicians: choose weak, moderate or strong, or leave it blank for “don't know”." },
        { "Nurses", "Physicians", "2", "Nurses → Physicians: choose weak, moderate or strong" },
        { "unknown", "Physicians", "weak", "A prediction names a rating role that is not one of this survey's roles." },
        { "Nurses", "unknown", "weak", "A prediction names a rated role that is not one of this survey's roles." },
        { "Nurses", "Nurses", "strong", "A role predicts only its ties with the other roles it rates." },
        { "not-an-id", "", "weak", "A prediction names a rating role that is not one of this survey's roles." },
    };

    [Theory]
    [MemberData(nameof(BadPredictions))]
    public async Task A_bad_band_or_an_unknown_role_is_refused_with_400_naming_the_field_and_nothing_is_stored(string from, string to, string band, string message)
    {
        var id = await ClosedAsync($"Bad prediction {Guid.NewGuid():N}");
        var roles = await Respondent.RolesAsync(app, id);
        var session = await CreateAsync(scenario, id);
        Assert.Equal(HttpStatusCode.Redirect, (await PredictAsync(scenario, id, session, [KeyValuePair.Create(Field(roles["Physicians"], roles["Nurses"]), "strong")])).Status);
        var before = await scenario.FingerprintAsync();

        Guid Id(string role) => roles.TryGetValue(role, out var known) ? known : Guid.NewGuid();
        var field = from == "not-an-id" ? "Input.Bands[not-an-id]" : Field(Id(from), Id(to));
        var refused = await PredictAsync(scenario, id, session, [KeyValuePair.Create(Field(roles["Pharmacists"], roles["Nurses"]), "weak"), KeyValuePair.Create(field, band)]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(message, refused.Text, StringComparison.Ordinal);
        Assert.Contains("id=\"problems\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.FingerprintAsync());
        Assert.Equal(["Physicians → Nurses: Strong"], await PredictionsAsync(app, session));
    }

    [Fact]
    public async Task The_reveal_sets_predicted_against_actual_bands_only_for_ties_rated_by_at_least_k_people()
    {
        var id = await ClosedAsync("Reveal");
        var roles = await Respondent.RolesAsync(app, id);
        var engine = Engine();
        var between = engine.Ties.Where(t => !t.IsWithinRole).ToList();
        var agreed = between.First(t => !t.Suppressed && t.Band == TieBand.Moderate);
        var surprising = between.First(t => !t.Suppressed && t.Band == TieBand.Weak);
        var hidden = between.First(t => t.Suppressed);
        var session = await CreateAsync(scenario, id);
        await PredictAsync(scenario, id, session,
        [
            KeyValuePair.Create(Field(roles[agreed.FromRole], roles[agreed.ToRole]), "moderate"),
            KeyValuePair.Create(Field(roles[surprising.FromRole], roles[surprising.ToRole]), "strong"),
            KeyValuePair.Create(Field(roles[hidden.FromRole], roles[hidden.ToRole]), "weak"),
        ]);

        var page = await scenario.Viewer.GetAsync(Step(scenario, id, session, 3));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Step 3 of 6", page.Text, StringComparison.Ordinal);
        Assert.Contains("agree on 1 of the 2 predicted ties that can be shown", Squash(page.Text), StringComparison.Ordinal);
        var rows = Rows(page.Html, "reveal");
        Assert.Equal(3, rows.Count);
        Assert.Contains($"How {agreed.FromRole} experience {agreed.ToRole} | moderate | moderate {F2(agreed.Strength)} | As expected", string.Join("\n", rows), StringComparison.Ordinal);
        Assert.Contains($"How {surprising.FromRole} experience {surprising.ToRole} | strong | weak {F2(surprising.Strength)} | ≠ Expected stronger", string.Join("\n", rows), StringComparison.Ordinal);
        var unshown = rows.Single(r => r.StartsWith($"How {hidden.FromRole} experience {hidden.ToRole} |", StringComparison.Ordinal));
        Assert.Equal($"How {hidden.FromRole} experience {hidden.ToRole} | weak | fewer than 5 answered | Nothing to compare with.", unshown);
        Assert.DoesNotMatch(NumberPattern(), unshown);
        Assert.Matches("<tr class=\"differs\">", page.Html);
    }

    [Fact]
    public async Task Strengths_come_before_weak_ties_on_the_session_sequence_and_the_printable_report()
    {
        var id = await ClosedAsync("Strengths first");
        var points = WhereToStart.Analyse(Engine());
        var session = await CreateAsync(scenario, id);

        // On screen, one step at a time: the ground rules first, the strengths (step 4) before the weak ties (step 5).
        var steps = new List<string>();
        for (var n = 1; n <= 6; n++)
        {
            var page = await scenario.Viewer.GetAsync(Step(scenario, id, session, n));
            Assert.True(page.Status == HttpStatusCode.OK, $"step {n}: {page.Status}");
            Assert.Contains($"id=\"{StepIds[n - 1]}\"", page.Html, StringComparison.Ordinal);
            Assert.Contains($"Step {n} of 6", page.Text, StringComparison.Ordinal);
            steps.Add(page.Html);
        }

        Assert.Contains("id=\"ground\"", steps[0], StringComparison.Ordinal);
        Assert.Contains("not of who is to blame", steps[0], StringComparison.Ordinal);
        Assert.Contains("id=\"strongest\"", steps[3], StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"weakest\"", steps[3], StringComparison.Ordinal);
        Assert.Contains("id=\"weakest\"", steps[4], StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"strongest\"", steps[4], StringComparison.Ordinal);
        Assert.All(steps.Take(3), html => Assert.DoesNotContain("id=\"weakest\"", html, StringComparison.Ordinal));
        var strengths = Squash(WebUtility.HtmlDecode(Regex.Replace(steps[3], "<[^>]+>", " ")));
        Assert.Contains($"How {points.StrongestTies[0].FromRole} experience {points.StrongestTies[0].ToRole} — {F2(points.StrongestTies[0].Strength)}", strengths, StringComparison.Ordinal);
        Assert.Contains("id=\"no-earlier-wave\"", steps[3], StringComparison.Ordinal);

        // On paper, all steps on one page in the same order.
        var print = await scenario.Viewer.GetAsync(Print(scenario, id, session));
        Assert.Equal(HttpStatusCode.OK, print.Status);
        var at = StepIds.Append("strongest").Append("weakest").ToDictionary(s => s, s => print.Html.IndexOf($"id=\"{s}\"", StringComparison.Ordinal));
        Assert.All(at, a => Assert.True(a.Value > 0, $"{a.Key} is missing from the report"));
        Assert.True(StepIds.Zip(StepIds.Skip(1)).All(p => at[p.First] < at[p.Second]), string.Join(", ", at));
        Assert.True(at["step-strengths"] < at["strongest"] && at["strongest"] < at["step-together"] && at["step-together"] < at["weakest"], string.Join(", ", at));
        Assert.Contains("/css/session.", print.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printable_report_holds_the_predictions_beside_the_results_and_the_five_questions()
    {
        var id = await ClosedAsync("Printed");
        var roles = await Respondent.RolesAsync(app, id);
        var engine = Engine();
        var tie = engine.Ties.First(t => !t.IsWithinRole && !t.Suppressed);
        var session = await CreateAsync(scenario, id, "Printed meeting");
        await PredictAsync(scenario, id, session, [KeyValuePair.Create(Field(roles[tie.FromRole], roles[tie.ToRole]), "strong")]);

        var print = await scenario.Viewer.GetAsync(Print(scenario, id, session));
        var text = Squash(print.Text);

        Assert.Contains("Feedback session: Printed meeting", text, StringComparison.Ordinal);
        Assert.Contains("held on 2026-12-15", text, StringComparison.Ordinal);
        Assert.Equal([$"{tie.FromRole} | {tie.ToRole} | strong"], Rows(print.Html, "predicted"));
        Assert.StartsWith($"How {tie.FromRole} experience {tie.ToRole} | strong | {tie.Band!.Value.Key()} {F2(tie.Strength)}", Rows(print.Html, "reveal").Single(), StringComparison.Ordinal);
        Assert.All(RelationalCoordination.Web.Pages.Orgs.Surveys.Results.StartModel.ConversationQuestions, q => Assert.Contains(q, text, StringComparison.Ordinal));
        Assert.DoesNotContain("<form", print.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<select", print.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task How_we_work_together_gives_each_weak_tie_and_asymmetric_pair_its_conversation_guide()
    {
        var id = await ClosedAsync("Together");
        var roles = await Respondent.RolesAsync(app, id);
        var points = WhereToStart.Analyse(Engine());
        var session = await CreateAsync(scenario, id);

        var page = await scenario.Viewer.GetAsync(Step(scenario, id, session, 5));
        var text = Squash(page.Text);

        foreach (var t in points.WeakestTies)
        {
            Assert.Contains($"How {t.FromRole} experience {t.ToRole} — {F2(t.Strength)} ({t.Band!.Value.Key()}, n={t.N})", text, StringComparison.Ordinal);
            Assert.Contains($"results/conversation?a={roles[t.FromRole]}&amp;b={roles[t.ToRole]}", page.Html, StringComparison.Ordinal);
        }

        Assert.All(RelationalCoordination.Web.Pages.Orgs.Surveys.Results.StartModel.ConversationQuestions, q => Assert.Contains(q, text, StringComparison.Ordinal));
        Assert.Equal(points.AsymmetricPairs.Length, Regex.Count(Section(page.Html, "asymmetric"), "<li>"));
        var large = points.AsymmetricPairs.Where(p => p.Gap >= ChangePatterns.LargeGap).ToList();
        Assert.Equal(large.Count, Regex.Count(page.Html, "class=\"large-gap\""));
        if (large.Count > 0)
        {
            Assert.Contains(InterventionCatalogue.Get("conversations-of-difference").HowTo, page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Next_steps_list_what_the_model_suggests_with_how_to_go_about_each()
    {
        var id = await ClosedAsync("Next steps");
        var session = await CreateAsync(scenario, id);
        var suggestions = ChangePatterns.Suggest(Engine(), []);
        Assert.NotEmpty(suggestions);

        var page = await scenario.Viewer.GetAsync(Step(scenario, id, session, 6));
        var text = Squash(page.Text);

        Assert.Equal(suggestions.Length, Regex.Count(Section(page.Html, "suggestions"), "<li>"));
        Assert.Contains("Before any figure, make it safe to talk about how the roles work together.", text, StringComparison.Ordinal);
        Assert.All(suggestions.SelectMany(s => s.Items).DistinctBy(i => i.Key), item => Assert.Contains(Squash(item.HowTo), text, StringComparison.Ordinal));
        var weakTie = suggestions.First(s => s.Rule == PatternRule.WeakTie);
        Assert.Contains($"How {weakTie.FromRole} experience {weakTie.ToRole} is weak: {F2(weakTie.Value)}.", text, StringComparison.Ordinal);
        Assert.Contains("id=\"next-step\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"/sessions/{session}/print", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Viewer.GetAsync(Step(scenario, id, session, 7))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Viewer.GetAsync(Step(scenario, id, Guid.NewGuid(), 1))).Status);
    }

    [Fact]
    public async Task The_strengths_show_the_ties_that_grew_stronger_since_the_earlier_wave()
    {
        var earlier = await ClosedAsync("Wave one");
        var wave2 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave2.csv"));
        var later = await scenario.ClosedSurveyAsync("Wave two", wave2, [.. ImportExportTests.HospitalRoles]);
        await scenario.MakeNextWaveAsync(earlier, later);
        var changes = WaveComparison.Compare(ResponsesCsv.Parse(Wave1, ImportExportTests.HospitalRoles), ResponsesCsv.Parse(wave2, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true))
            .Where(c => c.FromRole != c.ToRole && c.Change > 0).OrderByDescending(c => c.Change).ToList();
        var significant = changes.Where(c => c.IsSignificant).Take(3).ToList();
        var expected = significant.Count > 0 ? significant : [.. changes.Take(3)];
        Assert.NotEmpty(expected);
        var session = await CreateAsync(scenario, later);

        var page = await scenario.Viewer.GetAsync(Step(scenario, later, session, 4));

        var improved = Squash(WebUtility.HtmlDecode(Regex.Replace(Section(page.Html, "improved").Replace("<strong>", "", StringComparison.Ordinal).Replace("</strong>", "", StringComparison.Ordinal), "<[^>]+>", " ")));
        Assert.Equal(expected.Count, Regex.Count(Section(page.Html, "improved"), "<li>"));
        foreach (var c in expected)
        {
            Assert.True(improved.Contains($"How {c.FromRole} experience {c.ToRole}: {F2(c.Before)} → {F2(c.After)}", StringComparison.Ordinal), improved);
        }

        Assert.Contains(significant.Count > 0 ? "▲ significantly better" : "within chance", improved, StringComparison.Ordinal);
        Assert.True(page.Html.IndexOf("id=\"strongest\"", StringComparison.Ordinal) < page.Html.IndexOf("id=\"improved\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Role_names_with_markup_quotes_and_commas_are_encoded_on_every_step_and_the_report()
    {
        string[] names = ["<script>alert(1)</script>", "Nurses, \"night\"", "Læger & co'"];
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        static string Quoted(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        for (var r = 0; r < names.Length; r++)
        {
            for (var i = 0; i < 5; i++)
            {
                foreach (var target in names)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"P{r}{i},{Quoted(names[r])},{Quoted(target)},{string.Join(',', Enumerable.Range(0, 7).Select(k => 2 + ((r + i + k) % 4)))}\n");
                }
            }
        }

        var id = await scenario.ClosedSurveyAsync("Encoded", csv.ToString(), names);
        var roles = await Respondent.RolesAsync(app, id);
        var session = await CreateAsync(scenario, id, "<b>Session</b>");
        await PredictAsync(scenario, id, session, [KeyValuePair.Create(Field(roles[names[0]], roles[names[1]]), "strong"), KeyValuePair.Create(Field(roles[names[1]], roles[names[2]]), "weak")]);

        foreach (var url in Enumerable.Range(1, 6).Select(n => Step(scenario, id, session, n)).Append(Print(scenario, id, session)).Append(ListUrl(scenario, id)))
        {
            var page = await scenario.Facilitator.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.OK, $"{url}: {page.Status}");
            Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>Session", page.Html, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;Session&lt;/b&gt;", page.Html, StringComparison.Ordinal);
        }

        var reveal = await scenario.Facilitator.GetAsync(Step(scenario, id, session, 3));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", reveal.Html, StringComparison.Ordinal);
        Assert.Contains($"How {names[0]} experience {names[1]} | strong |", string.Join("\n", Rows(reveal.Html, "reveal")), StringComparison.Ordinal);
        Assert.Equal([$"{names[0]} → {names[1]}: Strong", $"{names[1]} → {names[2]}: Weak"], await PredictionsAsync(app, session));
    }

    private Task<Guid> ClosedAsync(string title) => scenario.ClosedSurveyAsync(title, Wave1, [.. ImportExportTests.HospitalRoles]);
}
