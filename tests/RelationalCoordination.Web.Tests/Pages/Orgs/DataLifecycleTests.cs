using System.IO.Compression;
using System.Net;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Npgsql;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Organisations;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Orgs.Settings;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Orgs;

/// <summary>Deleting a survey or an organisation, exporting everything, and the retention period for raw answers.</summary>
public sealed class DataLifecycleTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task Deleting_a_survey_leaves_no_row_of_it_or_its_responses_in_any_table()
    {
        var (id, ids) = await SurveyWithEverythingAsync(scenario, "To delete");
        var keep = await scenario.OpenSurveyAsync("To keep", ("Nurses", true, true), ("Physicians", true, true));
        await scenario.ImportAsync(keep, AuditLogTests.Responses());
        var before = await RowsMentioningAsync(app, ids);
        Assert.All(["Surveys", "SurveyRoles", "Responses", "Answer", "ResponseDrafts", "InvitationCodes", "ResultsLinks", "IdempotentRequests"],
            table => Assert.True(before.GetValueOrDefault(table) > 0, $"the scenario put nothing of the survey in {table}"));

        var unconfirmed = await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/surveys/{id}/delete");
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.Status);
        Assert.Contains("Tick the box", unconfirmed.Text, StringComparison.Ordinal);
        Assert.Equal(before, await RowsMentioningAsync(app, ids));
        var deleted = await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/surveys/{id}/delete", ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.Empty(await RowsMentioningAsync(app, ids));
        Assert.Equal(6, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == keep)));
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Facilitator.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}")).Status);

        // A closed survey's stored results go with it.
        var closed = await scenario.ClosedSurveyAsync("Closed, to delete", AuditLogTests.Responses(), "Nurses", "Physicians");
        List<Guid> closedIds = [closed, .. await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == closed).Select(r => r.Id).ToListAsync())];
        Assert.True((await RowsMentioningAsync(app, closedIds)).GetValueOrDefault("ResultsSnapshots") > 0);
        Assert.Equal(HttpStatusCode.Redirect, (await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/surveys/{closed}/delete", ("confirm", "yes"))).Status);
        Assert.Empty(await RowsMentioningAsync(app, closedIds));
    }

    [Fact]
    public async Task An_owner_exports_all_of_the_organisation_s_data_in_one_zip()
    {
        var id = await scenario.ClosedSurveyAsync("Exported survey", AuditLogTests.Responses(5), "Nurses", "Physicians");

        using var response = await scenario.Owner.Http.GetAsync($"/orgs/{scenario.OrgId}/settings?handler=Export");

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var organisation = JsonDocument.Parse(Read(zip, "organisation.json")).RootElement;
        Assert.Equal("Medical wards", organisation.GetProperty("name").GetString());
        Assert.Contains(organisation.GetProperty("members").EnumerateArray(), m => m.GetProperty("role").GetString() == "Facilitator");
        var survey = organisation.GetProperty("surveys").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id);
        var folder = survey.GetProperty("folder").GetString();
        var responses = ResponsesCsv.Parse(Read(zip, $"{folder}/responses.csv"));
        Assert.Equal(10, responses.Respondents.Count());
        Assert.DoesNotContain("SECRET", Read(zip, $"{folder}/responses.csv"), StringComparison.Ordinal);   // random ids, as the raw export
        Assert.StartsWith("from_role,to_role,n,tie_strength", Read(zip, $"{folder}/ties.csv"), StringComparison.Ordinal);
        Assert.StartsWith("at,actor,action,subject", Read(zip, "audit.csv"), StringComparison.Ordinal);
        Assert.Contains(AuditActions.ResponsesImported, Read(zip, "audit.csv"), StringComparison.Ordinal);
        Assert.DoesNotContain("TokenHash", Read(zip, "organisation.json"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Facilitator.GetAsync($"/orgs/{scenario.OrgId}/settings?handler=Export")).Status);
    }

    [Fact]
    public async Task Deleting_an_organisation_removes_all_of_it_and_its_members_keep_their_accounts()
    {
        await using var own = new AppFactory();
        var other = await Scenario.CreateAsync(own);
        var (_, ids) = await SurveyWithEverythingAsync(other, "In a doomed organisation");
        var members = await own.QueryAsync(db => db.Memberships.Where(m => m.OrganisationId == other.OrgId).Select(m => m.UserId).ToListAsync());
        ids.Add(other.OrgId);

        var wrong = await other.Owner.PostAsync($"/orgs/{other.OrgId}/settings?handler=Delete", [KeyValuePair.Create("confirmName", "Medical ward")], $"/orgs/{other.OrgId}/settings");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.NotEmpty(await RowsMentioningAsync(own, ids));
        var deleted = await other.Owner.PostAsync($"/orgs/{other.OrgId}/settings?handler=Delete", [KeyValuePair.Create("confirmName", "Medical wards")], $"/orgs/{other.OrgId}/settings");

        Assert.Equal("/orgs?deleted=1", deleted.Location);
        Assert.Empty(await RowsMentioningAsync(own, ids));
        Assert.Equal(members.Count, await own.QueryAsync(db => db.Users.CountAsync(u => members.Contains(u.Id))));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.GetAsync($"/orgs/{other.OrgId}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await other.Outsider.GetAsync($"/orgs/{other.OtherOrgId}")).Status);   // another organisation is untouched
        await other.DisposeAsync();
    }

    [Fact]
    public async Task Raw_answers_go_after_the_retention_period_and_the_results_stay()
    {
        var old = await scenario.OpenSurveyAsync("Closed long ago", ("Nurses", true, true), ("Physicians", true, true));
        var recent = await scenario.OpenSurveyAsync("Closed last week", ("Nurses", true, true), ("Physicians", true, true));
        await scenario.MakeNextWaveAsync(old, recent);
        foreach (var id in new[] { old, recent })
        {
            await scenario.ImportAsync(id, AuditLogTests.Responses(5));
            await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/surveys/{id}/close", []);
        }

        var heatmap = $"/orgs/{scenario.OrgId}/surveys/{old}/results/heatmap";
        var before = (await scenario.Viewer.GetAsync(heatmap)).Text;
        Assert.Contains("3.4", before, StringComparison.Ordinal);   // (5+4+3+2+1+4+5) / 7, rounded
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == old).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, DateTimeOffset.UtcNow.AddMonths(-7))));
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == recent).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, DateTimeOffset.UtcNow.AddDays(-7))));
        var saved = await scenario.Owner.PostAsync($"/orgs/{scenario.OrgId}/settings?handler=Retention", [KeyValuePair.Create("months", "6")], $"/orgs/{scenario.OrgId}/settings");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var refused = await scenario.Owner.PostAsync($"/orgs/{scenario.OrgId}/settings?handler=Retention", [KeyValuePair.Create("months", "0")], $"/orgs/{scenario.OrgId}/settings");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("from 1 to 120", refused.Text, StringComparison.Ordinal);

        // What the housekeeping service runs on every instance.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DataRetention>().ApplyAsync());
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<DataRetention>().ApplyAsync());   // once only
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == old)));
        Assert.Equal(10, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == recent)));
        Assert.NotNull(await app.QueryAsync(db => db.Surveys.Where(s => s.Id == old).Select(s => s.RawAnswersDeletedOn).SingleAsync()));
        Assert.Equal(before, (await scenario.Viewer.GetAsync(heatmap)).Text);   // the results stay as they were
        Assert.Contains("raw answers were deleted", (await scenario.Viewer.GetAsync($"/orgs/{scenario.OrgId}/surveys/{old}")).Text, StringComparison.Ordinal);
        Assert.Contains("can no longer be compared", (await scenario.Viewer.GetAsync($"/orgs/{scenario.OrgId}/surveys/{recent}/results/compare?with={old}")).Text, StringComparison.Ordinal);
        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.OrganisationId == scenario.OrgId && e.Action == AuditActions.RawAnswersDeleted));
        Assert.Equal(AuditLog.App, entry.Actor);
        Assert.Contains("Closed long ago", entry.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_past_its_closing_date_is_closed_by_housekeeping_so_its_retention_runs()
    {
        var id = await scenario.OpenSurveyAsync("Closed by its date", ("Nurses", true, true), ("Physicians", true, true));
        await scenario.ImportAsync(id, AuditLogTests.Responses(5));
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, DateTimeOffset.UtcNow.AddMonths(-8))));
        await app.QueryAsync(db => db.Organisations.Where(o => o.Id == scenario.OrgId).ExecuteUpdateAsync(u => u.SetProperty(o => o.RetentionMonths, 6)));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Web.Features.Responding.DraftSweeper>().SweepAsync();
            await scope.ServiceProvider.GetRequiredService<DataRetention>().ApplyAsync();
        }

        Assert.Equal(SurveyStatus.Closed, await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.NotNull(await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.RawAnswersDeletedOn).SingleAsync()));
    }

    /// <summary>
    /// An open survey with a bit of everything: imported responses, an unfinished draft, invitation
    /// codes, stored results, a results link and an API response with an idempotency key. Returns
    /// the ids that identify its rows (survey, roles, responses, drafts, codes, links).
    /// </summary>
    internal static async Task<(Guid Survey, List<Guid> Ids)> SurveyWithEverythingAsync(Scenario scenario, string title)
    {
        var app = scenario.App;
        var id = await scenario.OpenSurveyAsync(title, ("Nurses", true, true), ("Physicians", true, true));
        var survey = $"/orgs/{scenario.OrgId}/surveys/{id}";
        var roles = await Respondent.RolesAsync(app, id);
        Assert.Equal(HttpStatusCode.OK, (await scenario.ImportAsync(id, AuditLogTests.Responses())).Status);
        using var respondent = new Respondent(app, await Respondent.KeyOfAsync(app, id));
        await respondent.StartAsync(roles["Nurses"]);
        await respondent.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Nurses"]] = 4 });
        await scenario.Facilitator.PostAsync($"{survey}/share?handler=Codes", [KeyValuePair.Create("role", roles["Physicians"].ToString()), KeyValuePair.Create("count", "3")], $"{survey}/share");
        await scenario.Viewer.GetAsync($"{survey}/results/heatmap");
        await scenario.Facilitator.PostAsync($"{survey}/results/links?handler=Create", [KeyValuePair.Create("days", "7")], $"{survey}/results/links");
        using (var api = await scenario.ApiClientAsync("Kiosk"))
        {
            Assert.Equal(HttpStatusCode.Created, await api.PostResponseAsync(id, """{"role":"Physicians","answers":[{"targetRole":"Nurses","frequent":3}]}""", $"kiosk-{Guid.NewGuid():N}"));
        }

        var ids = new List<Guid> { id };
        ids.AddRange(roles.Values);
        ids.AddRange(await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).Select(r => r.Id).ToListAsync()));
        ids.AddRange(await app.QueryAsync(db => db.ResponseDrafts.Where(d => d.SurveyId == id).Select(d => d.Id).ToListAsync()));
        ids.AddRange(await app.QueryAsync(db => db.InvitationCodes.Where(c => c.SurveyId == id).Select(c => c.Id).ToListAsync()));
        ids.AddRange(await app.QueryAsync(db => db.ResultsLinks.Where(l => l.SurveyId == id).Select(l => l.Id).ToListAsync()));
        return (id, ids);
    }

    /// <summary>For every table of the database, how many rows mention any of the ids (in any column, as text).</summary>
    internal static async Task<Dictionary<string, long>> RowsMentioningAsync(AppFactory app, IReadOnlyCollection<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.True(tables.Count > 15, $"only {tables.Count} tables");
        var patterns = ids.Select(i => $"%{i}%").ToArray();
        var found = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" t WHERE row_to_json(t)::text LIKE ANY($1)", connection);
            count.Parameters.AddWithValue(patterns);
            if ((long)(await count.ExecuteScalarAsync())! is > 0 and var n)
            {
                found[table] = n;
            }
        }

        return found;
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
