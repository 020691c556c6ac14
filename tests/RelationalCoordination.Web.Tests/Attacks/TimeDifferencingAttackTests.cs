using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// Differencing over time (issue 15): read the results, let one more person answer (the victim,
/// then fillers to complete a batch), read them again and subtract — <c>n_after·mean_after −
/// n_before·mean_before</c> gave the victim's seven scores. Results now exist only once the survey
/// is closed, are computed once, and a closed survey takes nothing more, so there are never two
/// states to subtract.
/// </summary>
public sealed class TimeDifferencingAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string[] ThreeRoles = ["Nurses", "Physicians", "Pharmacists"];

    private static readonly string[] ResultParts = ["ties", "roles", "summary"];

    private const string Victim = """{"role":"Physicians","answers":[{"targetRole":"Nurses","frequent":1,"timely":2,"accurate":1,"problemSolving":2,"sharedGoals":1,"sharedKnowledge":2,"mutualRespect":1}]}""";
    private const string Filler = """{"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":4,"timely":4,"accurate":4,"problemSolving":4,"sharedGoals":4,"sharedKnowledge":4,"mutualRespect":4}]}""";

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task While_a_survey_is_open_no_page_export_link_or_endpoint_shows_a_figure_before_or_after_one_more_answer()
    {
        using var api = await scenario.ApiClientAsync("Differencing");
        var id = await OpenSurveyWithAnswersAsync(api, "Differencing");
        var links = $"/orgs/{scenario.OrgId}/surveys/{id}/results/links";
        var made = await scenario.Facilitator.PostAsync($"{links}?handler=Create", [KeyValuePair.Create("days", "7")], links);
        var shared = PublishedViews.SharedLink().Match(made.Html).Groups[1].Value;
        Assert.StartsWith("/r/", shared, StringComparison.Ordinal);

        await AssertNothingPublishedAsync(api, id, shared);
        // The victim answers, then two fillers complete the batch of k = 3: the answers are stored…
        foreach (var body in new[] { Victim, Filler, Filler })
        {
            Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(id, body, $"key-{Guid.NewGuid():N}"));
        }

        Assert.Equal(15, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        // …and still nothing is published to subtract from.
        await AssertNothingPublishedAsync(api, id, shared);
    }

    [Fact]
    public async Task A_closed_survey_takes_no_more_answers_so_its_one_publication_never_changes()
    {
        using var api = await scenario.ApiClientAsync("Frozen for good");
        var id = await OpenSurveyWithAnswersAsync(api, "Frozen for good");
        var survey = $"/orgs/{scenario.OrgId}/surveys/{id}";
        var key = await Respondent.KeyOfAsync(app, id);
        var roles = await Respondent.RolesAsync(app, id);
        using var late = new Respondent(app, key);
        await late.StartAsync(roles["Physicians"]);
        await late.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Nurses"]] = 1 });
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        var published = await PublishedAsync(api, id);
        var computedAt = await app.QueryAsync(db => db.ResultsSnapshots.Where(s => s.SurveyId == id).Select(s => s.ComputedAt).SingleAsync());

        // Every way to add an answer is refused…
        Assert.Equal(HttpStatusCode.Conflict, await api.PostResponseAsync(id, Victim, $"key-{Guid.NewGuid():N}"));
        using (var csv = new StringContent(AttackSurveys.Responses(pharmacist: 1), Encoding.UTF8, "text/csv"))
        {
            Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/surveys/{id}/responses/import", csv)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await scenario.ImportAsync(id, AttackSurveys.Responses(pharmacist: 1))).Status);
        var submit = await late.SubmitAsync();
        Assert.NotEqual($"/s/{key}/thanks", submit.Location);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        // …and so is reopening it by a later closing date, or changing what it publishes with another
        // minimum group size (k is fixed once a survey opens).
        var edited = await ReopenAsync(id, "Frozen for good", minGroupSize: 6);
        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        Assert.Equal(HttpStatusCode.Conflict, await api.PostResponseAsync(id, Victim, $"key-{Guid.NewGuid():N}"));
        Assert.Equal(3, await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.MinGroupSize).SingleAsync()));
        Assert.Contains("its dates stay as they are", (await scenario.Facilitator.GetAsync($"{survey}/edit")).Text, StringComparison.Ordinal);

        // Housekeeping and the retention job run; the publication is the same, not computed again.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Web.Features.Responding.DraftSweeper>().SweepAsync();
            await scope.ServiceProvider.GetRequiredService<Web.Features.Results.SurveyResults>().PublishClosedAsync();
        }

        Assert.Equal(published, await PublishedAsync(api, id));
        Assert.Equal(computedAt, await app.QueryAsync(db => db.ResultsSnapshots.Where(s => s.SurveyId == id).Select(s => s.ComputedAt).SingleAsync()));
        Assert.Equal(12, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task A_survey_closed_by_its_date_is_not_reopened_by_moving_the_date()
    {
        using var api = await scenario.ApiClientAsync("Closed by date");
        var id = await OpenSurveyWithAnswersAsync(api, "Closed by date");
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        // Past its date the survey is closed, and its first reader publishes its results.
        var published = await PublishedAsync(api, id);

        // A facilitator moves the closing date a month on, hoping for more answers to subtract.
        var edited = await ReopenAsync(id, "Closed by date", minGroupSize: 3);

        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        Assert.Equal(HttpStatusCode.Conflict, await api.PostResponseAsync(id, Victim, $"key-{Guid.NewGuid():N}"));
        Assert.True(await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ClosesAt < DateTimeOffset.UtcNow).SingleAsync()));
        Assert.Equal(published, await PublishedAsync(api, id));
    }

    [Fact]
    public async Task An_import_still_reading_its_file_when_the_survey_closes_stores_nothing()
    {
        using var api = await scenario.ApiClientAsync("Import race");
        var id = await OpenSurveyWithAnswersAsync(api, "Import race");
        await using var closer = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await closer.OpenAsync();
        await using var closing = await closer.BeginTransactionAsync();
        // The closing takes the survey's row first…
        await using (var lockRow = new Npgsql.NpgsqlCommand($"""UPDATE "Surveys" SET "Status" = 'Closed' WHERE "Id" = '{id}'""", closer, closing))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        // …while an import that passed its first check waits for it, then finds the survey closed.
        using var csv = new StringContent(AttackSurveys.Responses(pharmacist: 1), Encoding.UTF8, "text/csv");
        var import = api.PostAsync($"/api/v1/surveys/{id}/responses/import", csv);
        await WaitForALockWaitAsync(closer, closing);
        await closing.CommitAsync();
        using var answer = await import;

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("closed", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(12, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task A_survey_past_its_closing_date_takes_no_import_and_gives_one_raw_export()
    {
        using var api = await scenario.ApiClientAsync("Past its date");
        var id = await OpenSurveyWithAnswersAsync(api, "Past its date");
        // One more answer waits, submitted, for a batch of three when the closing date passes.
        Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(id, Victim, $"key-{Guid.NewGuid():N}"));
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        using (var csv = new StringContent(AttackSurveys.Responses(pharmacist: 1), Encoding.UTF8, "text/csv"))
        {
            Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/surveys/{id}/responses/import", csv)).StatusCode);
        }

        var export = $"/orgs/{scenario.OrgId}/surveys/{id}/export/responses.csv";
        var first = Rows(await scenario.Owner.Http.GetStringAsync(export));
        await PublishedAsync(api, id);
        var second = Rows(await scenario.Owner.Http.GetStringAsync(export));

        // The waiting answer was stored before the first file was written: both files are the same.
        Assert.Equal(first, second);
        Assert.Equal(13, first.Count);
        static List<string> Rows(string csv) => [.. RelationalCoordination.Domain.Formats.ResponsesCsv.Parse(csv).Respondents
            .Select(r => $"{r.Role}: {string.Join(" | ", r.Observations.Select(o => $"{o.TargetRole}={o.Scores}"))}").Order(StringComparer.Ordinal)];
    }

    /// <summary>Waits until another session waits for a lock this one holds.</summary>
    private static async Task WaitForALockWaitAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var waiting = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM pg_locks WHERE NOT granted""", connection, transaction);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the import never waited for the survey's row");
    }

    /// <summary>A facilitator's edit that moves the closing date a month on, with a minimum group size.</summary>
    private async Task<AppClient.Page> ReopenAsync(Guid id, string title, int minGroupSize) =>
        await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/surveys/{id}/edit", [
            KeyValuePair.Create("version", (await scenario.VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            KeyValuePair.Create("Input.Title", title), KeyValuePair.Create("Input.WorkProcess", "discharging a patient"),
            KeyValuePair.Create("Input.MinGroupSize", minGroupSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            KeyValuePair.Create("Input.FrequencyVariant", "Frequency"),
            KeyValuePair.Create("Input.ClosesOn", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>An open survey of Nurses, Physicians and Pharmacists at k = 3 with twelve imported responses.</summary>
    private static async Task<Guid> OpenSurveyWithAnswersAsync(HttpClient api, string title)
    {
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title,
            workProcess = "discharging a patient",
            minimumGroupSize = 3,
            roles = ThreeRoles.Select(r => new { name = r }),
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/open", null)).StatusCode);
        using var csv = new StringContent(AttackSurveys.Responses(pharmacist: 2, pharmacists: 6), Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/responses/import", csv)).StatusCode);
        return id;
    }

    private async Task<string> PublishedAsync(HttpClient api, Guid id) =>
        string.Join("\n", await Task.WhenAll(ResultParts.Select(part => api.GetStringAsync($"/api/v1/surveys/{id}/results/{part}"))))
        + await scenario.Viewer.Http.GetStringAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results/export/network.graphml");

    private async Task AssertNothingPublishedAsync(HttpClient api, Guid id, string shared)
    {
        foreach (var part in new[] { "ties", "roles", "summary" })
        {
            using var response = await api.GetAsync($"/api/v1/surveys/{id}/results/{part}");
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("Results appear when the survey closes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var survey = $"/orgs/{scenario.OrgId}/surveys/{id}";
        var roles = await Respondent.RolesAsync(app, id);
        foreach (var page in new[]
                 {
                     "results/heatmap", "results/network", "results/network?handler=Svg", "results/start", "results/report",
                     "results/export/results.zip", "results/export/results.xlsx", "results/export/network.graphml",
                     $"results/roles/{roles["Nurses"]}", $"results/tie?from={roles["Physicians"]}&to={roles["Nurses"]}",
                     $"results/conversation?a={roles["Physicians"]}&b={roles["Nurses"]}",
                 })
        {
            var response = await scenario.Viewer.GetAsync($"{survey}/{page}");
            Assert.Equal((HttpStatusCode.Redirect, $"{survey}/results"), (response.Status, response.Location));
        }

        var overview = await scenario.Viewer.GetAsync($"{survey}/results");
        Assert.Contains("Results appear when the survey closes", overview.Text, StringComparison.Ordinal);
        // The series shows closed waves' published figures only; an open wave, none.
        var series = await scenario.Viewer.GetAsync($"{survey}/results/series");
        Assert.Contains("is the only wave of its series so far", series.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("RC index", series.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("RC index", overview.Text, StringComparison.Ordinal);
        var link = await scenario.Anonymous.GetAsync(shared);
        Assert.Contains("Results appear when the survey closes", link.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("heatmap", link.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Owner.GetAsync($"{survey}/export/responses.csv")).Status);
        Assert.False(await app.QueryAsync(db => db.ResultsSnapshots.AnyAsync(s => s.SurveyId == id)));
    }
}
