using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

using static RelationalCoordination.Web.Tests.Pages.Results.ResultsPages;

namespace RelationalCoordination.Web.Tests.Pages.Change;

/// <summary>
/// The change plan (issue 18): interventions planned from what the results suggest, structures
/// assessed at a boundary, outcomes per wave — and their place on the heatmap, network, series
/// and the next wave's comparison.
/// </summary>
public sealed class ChangePlanTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string Wave2 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "hospital", "wave2.csv"));

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    private string Org => $"/orgs/{scenario.OrgId}";

    private Task<Guid> HospitalAsync(string title, string csv = "") =>
        scenario.ClosedSurveyAsync(title, csv.Length == 0 ? Wave1 : csv, [.. Pages.ImportExportTests.HospitalRoles]);

    private static (string Name, string Value)[] Plan(string item, string? name = null, params (string From, string To)[] targets) =>
    [
        ("Input.Item", item), ("Input.Name", name ?? ""), ("Input.Kind", "Relational"), ("Input.Owner", "Ward sister <b>Ann</b>"),
        ("Input.StartsOn", "2026-01-10"), ("Input.EndsOn", "2026-03-31"), ("Input.Status", "Underway"),
        .. targets.SelectMany((t, i) => new[] { ($"Input.Targets[{i}].From", t.From), ($"Input.Targets[{i}].To", t.To) }),
        ("Input.Dimensions", "SharedKnowledge"), ("Input.Cycles[0].On", "2026-02-01"), ("Input.Cycles[0].CurrentState", "Hand-offs by pager"),
        ("Input.Cycles[0].Experiment", "A ten-minute huddle at 9:00"),
    ];

    [Fact]
    public async Task Where_to_start_suggests_the_models_interventions_and_a_facilitator_plans_one_that_then_shows_on_the_heatmap_and_network()
    {
        var id = await HospitalAsync("Plan from a suggestion");
        var suggestions = ChangePatterns.Suggest(Engine(), []);
        var weak = suggestions.First(s => s.Rule == PatternRule.WeakTie);

        var start = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/results/start");
        var text = Squash(start.Text);
        Assert.Contains("What the pattern suggests", text, StringComparison.Ordinal);
        Assert.True(text.Contains($"How {weak.FromRole} experience {weak.ToRole} is weak: {F2(weak.Value)}.", StringComparison.Ordinal), text[text.IndexOf("What the pattern", StringComparison.Ordinal)..]);
        foreach (var item in suggestions.SelectMany(s => s.Items).DistinctBy(i => i.Key))
        {
            // Told once, however many findings call for it.
            Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(text, System.Text.RegularExpressions.Regex.Escape(item.HowTo)));
        }

        Assert.Contains("class=\"plan-this\"", start.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"plan-this\"", (await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/start")).Html, StringComparison.Ordinal);

        // "Plan this" prefills the item and the tie.
        var form = await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/change/interventions?item=conversations-of-interdependence&from={Uri.EscapeDataString(weak.FromRole!)}&to={Uri.EscapeDataString(weak.ToRole!)}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("<option value=\"conversations-of-interdependence\" selected=\"selected\">", form.Html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{weak.FromRole}\" selected=\"selected\">", form.Html, StringComparison.Ordinal);

        var saved = await scenario.Facilitator.PostFromAsync($"{Org}/surveys/{id}/change/interventions", $"{Org}/surveys/{id}/change/interventions",
            Plan("conversations-of-interdependence", null, (weak.FromRole!, weak.ToRole!)));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        var stored = await app.QueryAsync(db => db.Interventions.SingleAsync(i => i.SurveyId == id));
        Assert.Equal(("Conversations of interdependence", InterventionKind.Relational, InterventionStatus.Underway), (stored.Name, stored.Kind, stored.Status));
        Assert.Equal([(weak.FromRole!, weak.ToRole!)], stored.Targets.Select(t => (t.FromRole, t.ToRole)));
        Assert.Equal("Hand-offs by pager", Assert.Single(stored.Cycles).CurrentState);

        var plan = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/change");
        Assert.Contains($"{weak.FromRole} → {weak.ToRole}", plan.Text, StringComparison.Ordinal);
        Assert.Contains("Ward sister &lt;b&gt;Ann&lt;/b&gt;", plan.Html, StringComparison.Ordinal);

        var heatmap = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/heatmap");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(heatmap.Html, "<td class=\"[^\"]* targeted\""));
        Assert.Contains("id=\"legend-targeted\"", heatmap.Html, StringComparison.Ordinal);
        var network = await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/results/network");
        Assert.Contains($"{weak.FromRole} → {weak.ToRole} {F2(weak.Value)}", Squash(network.Text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_intervention_input_is_refused_naming_the_problem_and_nothing_is_stored()
    {
        var id = await HospitalAsync("Bad plans");
        var url = $"{Org}/surveys/{id}/change/interventions";

        foreach (var (fields, message) in new[]
        {
            (Plan("custom", null), "Name your own intervention."),
            (Plan("no-such-item", "X"), "Choose an intervention from the list"),
            (Plan("shared-protocols", null, ("Nurses", "Porters")), "Choose both roles of a targeted tie from the survey's roles"),
            (Plan("shared-protocols", null, ("Nurses", "")), "Choose both roles of a targeted tie from the survey's roles"),
            ([.. Plan("shared-protocols").Where(f => f.Name != "Input.EndsOn"), ("Input.EndsOn", "2025-01-01")], "The end date cannot come before the start date."),
            ([.. Plan("shared-protocols").Where(f => f.Name != "Input.Status"), ("Input.Status", "Bogus")], "Status"),
            (Plan("custom", new string('x', 201)), "200"),
        })
        {
            var page = await scenario.Facilitator.PostFromAsync(url, url, fields);
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains(message, page.Text, StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Interventions.CountAsync(i => i.SurveyId == id)));
    }

    [Fact]
    public async Task An_intervention_changed_meanwhile_is_not_overwritten_and_one_can_be_removed()
    {
        var id = await HospitalAsync("Concurrent plans");
        var url = $"{Org}/surveys/{id}/change/interventions";
        await scenario.Facilitator.PostFromAsync(url, url, Plan("shared-meetings", "Morning huddle", ("Nurses", "Physicians")));
        var stored = await app.QueryAsync(db => db.Interventions.SingleAsync(i => i.SurveyId == id));
        await app.QueryAsync(db => db.Interventions.Where(i => i.Id == stored.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Owner, "Someone else")));

        var stale = await scenario.Facilitator.PostFromAsync($"{url}/{stored.Id}", $"{url}/{stored.Id}", [.. Plan("shared-meetings", "Renamed"), ("version", stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("Someone else changed this intervention", stale.Text, StringComparison.Ordinal);
        Assert.Equal("Morning huddle", await app.QueryAsync(db => db.Interventions.Where(i => i.Id == stored.Id).Select(i => i.Name).SingleAsync()));

        var removed = await scenario.Facilitator.PostFromAsync($"{url}/{stored.Id}", $"{url}/{stored.Id}?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Equal(0, await app.QueryAsync(db => db.Interventions.CountAsync(i => i.SurveyId == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Facilitator.GetAsync($"{url}/{stored.Id}")).Status);
    }

    [Fact]
    public async Task A_structural_assessment_rates_the_ten_structures_and_offers_the_weak_and_absent_ones_to_the_plan()
    {
        var id = await HospitalAsync("Structures");
        var url = $"{Org}/surveys/{id}/change/structures?a=Nurses&b={Uri.EscapeDataString("Physical therapists")}";
        var form = await scenario.Facilitator.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(form.Html, "name=\"Ratings\\[\\d+\\].Structure\""));
        var structures = InterventionCatalogue.All.Where(i => i.Kind == InterventionKind.Structural).ToList();

        var saved = await scenario.Facilitator.PostFromAsync(url, url,
            ("Ratings[0].Structure", structures[0].Key), ("Ratings[0].Presence", "Present"),
            ("Ratings[1].Structure", structures[6].Key), ("Ratings[1].Presence", "Weak"), ("Ratings[1].Note", "Case managers cover four wards"),
            ("Ratings[2].Structure", structures[7].Key), ("Ratings[2].Presence", "Absent"),
            ("Ratings[3].Structure", structures[8].Key));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        var stored = await app.QueryAsync(db => db.StructuralAssessments.SingleAsync(a => a.SurveyId == id));
        Assert.Equal(("Nurses", "Physical therapists"), (stored.RoleA, stored.RoleB));
        Assert.Equal(3, stored.Ratings.Count);
        var page = await scenario.Facilitator.GetAsync(saved.Location!);
        Assert.Contains("Case managers cover four wards", page.Html, StringComparison.Ordinal);
        Assert.Contains($"item={structures[6].Key}", page.Html, StringComparison.Ordinal);
        Assert.Contains($"item={structures[7].Key}", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"item={structures[0].Key}", page.Html, StringComparison.Ordinal);
        // The boundary's own ties: the engine withholds Physical therapists → Nurses (fewer than 5), and so does the page.
        var ties = Engine().Ties;
        foreach (var (from, to) in new[] { ("Nurses", "Physical therapists"), ("Physical therapists", "Nurses") })
        {
            var tie = ties.Single(t => t.FromRole == from && t.ToRole == to);
            Assert.Contains(tie.Suppressed ? $"How {from} experience {to}: not shown (fewer than 5 answered)" : $"How {from} experience {to}: {F2(tie.Strength)}", Squash(page.Text), StringComparison.Ordinal);
        }

        Assert.Contains("1 present, 1 weak, 1 absent", (await scenario.Viewer.GetAsync($"{Org}/surveys/{id}/change")).Text, StringComparison.Ordinal);

        var bad = await scenario.Facilitator.PostFromAsync(url, url, ("Ratings[0].Structure", "relational-legacy"), ("Ratings[0].Presence", "Present"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Rate only the ten structures listed.", bad.Text, StringComparison.Ordinal);
        Assert.Equal(3, (await app.QueryAsync(db => db.StructuralAssessments.SingleAsync(a => a.SurveyId == id))).Ratings.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Facilitator.GetAsync($"{Org}/surveys/{id}/change/structures?a=Nurses&b=Porters")).Status);
    }

    [Fact]
    public async Task Outcome_measures_recorded_for_each_wave_show_beside_the_RC_index_on_the_series()
    {
        var first = await HospitalAsync("Outcomes wave 1");
        var second = await HospitalAsync("Outcomes wave 2", Wave2);
        await scenario.MakeNextWaveAsync(first, second);
        foreach (var (id, value) in new[] { (first, "5.4"), (second, "4.9") })
        {
            var url = $"{Org}/surveys/{id}/change/outcomes";
            var saved = await scenario.Facilitator.PostFromAsync(url, url,
                ("Input.Heading", "EfficiencyAndFinance"), ("Input.Name", "Length of stay"), ("Input.Value", value), ("Input.Unit", "days"), ("Input.LowerIsBetter", "true"));
            Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        }

        var bad = await scenario.Facilitator.PostFromAsync($"{Org}/surveys/{first}/change/outcomes", $"{Org}/surveys/{first}/change/outcomes",
            ("Input.Heading", "EfficiencyAndFinance"), ("Input.Name", ""), ("Input.Value", ""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Name the measure", bad.Text, StringComparison.Ordinal);
        Assert.Contains("Give the measure's value as a number", bad.Text, StringComparison.Ordinal);

        var series = Squash((await scenario.Viewer.GetAsync($"{Org}/surveys/{second}/results/series")).Text);
        Assert.Contains("Performance outcomes beside relational coordination", series, StringComparison.Ordinal);
        Assert.Contains("Length of stay (Efficiency and finance, lower is better) 5.4 days 4.9 days", series, StringComparison.Ordinal);
        Assert.Equal(2, await app.QueryAsync(db => db.OutcomeMeasures.CountAsync(o => o.SurveyId == first || o.SurveyId == second)));
    }

    [Fact]
    public async Task The_next_waves_comparison_sets_the_targeted_ties_against_the_others_as_the_domain_does()
    {
        var first = await HospitalAsync("Effect wave 1");
        var second = await HospitalAsync("Effect wave 2", Wave2);
        await scenario.MakeNextWaveAsync(first, second);
        var changes = WaveComparison.Compare(ResponsesCsv.Parse(Wave1, Pages.ImportExportTests.HospitalRoles), ResponsesCsv.Parse(Wave2, Pages.ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true));
        var targets = changes.Where(c => c.FromRole != c.ToRole).Take(3).Select(c => (c.FromRole, c.ToRole)).ToList();
        var url = $"{Org}/surveys/{first}/change/interventions";
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.Facilitator.PostFromAsync(url, url, Plan("shared-protocols", null, [.. targets]))).Status);
        // A stopped intervention's ties do not count as targeted.
        await scenario.Facilitator.PostFromAsync(url, url, [.. Plan("shared-rewards", null, (changes[^1].FromRole, changes[^1].ToRole)).Where(f => f.Name != "Input.Status"), ("Input.Status", "Stopped")]);
        var effect = InterventionEffects.Estimate(changes, targets);

        var page = await scenario.Viewer.GetAsync($"{Org}/surveys/{second}/results/compare");
        var text = Squash(page.Text);

        Assert.Contains($"targeted {effect.Targeted.Ties} of the ties compared; they changed by {Signed(effect.Targeted.MeanChange)} on average, the {effect.Untargeted.Ties} other ties by {Signed(effect.Untargeted.MeanChange)}.", text, StringComparison.Ordinal);
        Assert.Contains($"The difference in differences is {Signed(effect.DifferenceInDifferences)}.", text, StringComparison.Ordinal);
        Assert.Contains($"between {Signed(effect.CiLow)} and {Signed(effect.CiHigh)}", text, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(page.Html, "class=\"targeted\""));
        foreach (var role in effect.Roles)
        {
            Assert.Contains($"{role.Role} {role.Ties} {role.Targeted} {Signed(role.MeanChange)}", text, StringComparison.Ordinal);
        }
    }

    private static string Signed(double? value) => value is { } v ? (v >= 0 ? "+" : "") + F2(v) : "—";
}
