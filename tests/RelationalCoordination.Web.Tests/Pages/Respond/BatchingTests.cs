using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Pages.Respond;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

/// <summary>
/// Submitted answers become responses in batches of at least the survey's minimum group size, in
/// one transaction with the batch's invitation codes, so that nothing the database keeps of a
/// transaction pairs one response with one code; closing, by hand or by date, stores the rest.
/// </summary>
public sealed class BatchingTests : IAsyncLifetime, IDisposable
{
    private readonly AppFactory app = new();
    private Scenario scenario = null!;

    public async Task InitializeAsync()
    {
        app.Settings.Remove("Respondents:BatchSize");
        scenario = await Scenario.CreateAsync(app);
    }

    // xunit disposes asynchronously; this is for a run that ends before DisposeAsync (a failed start).
    public void Dispose() => app.Dispose();

    public async Task DisposeAsync()
    {
        await scenario.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Responses_are_stored_five_at_a_time_with_their_codes_and_share_one_transaction()
    {
        var (id, key, roles, all) = await InvitationCodeTests.SurveyWithAllCodesAsync(app, scenario, "Batches", codesPerRole: 6);
        var codes = all.Where(c => c.Role == "Nurses").Select(c => c.Code).ToList();

        for (var i = 0; i < 4; i++)
        {
            await SubmitWithCodeAsync(key, codes[i], roles);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(0, await app.QueryAsync(db => db.InvitationCodes.CountAsync(c => c.SurveyId == id && c.Used)));
        var rates = ImportExportTests.RatesTable((await scenario.Facilitator.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}")).Html);
        Assert.Contains("Nurses | 4 | 0 | — | no headcount", rates);   // submitted, waiting to be stored
        var share = await scenario.Facilitator.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}/share");
        Assert.Contains("Nurses 6 4", string.Join(' ', share.Text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);

        await SubmitWithCodeAsync(key, codes[4], roles);

        Assert.Equal(5, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        // One batch: the five responses carry one transaction id, the five codes one too — nothing
        // tells which response belongs to which code.
        Assert.Single(await app.QueryAsync(db => db.Database.SqlQuery<string>($"""
            SELECT DISTINCT xmin::text AS "Value" FROM "Responses" WHERE "SurveyId" = {id}
            """).ToListAsync()));
        Assert.Single(await app.QueryAsync(db => db.Database.SqlQuery<string>($"""
            SELECT DISTINCT xmin::text AS "Value" FROM "InvitationCodes" WHERE "SurveyId" = {id} AND "Used"
            """).ToListAsync()));
        Assert.Equal(5, await app.QueryAsync(db => db.InvitationCodes.CountAsync(c => c.SurveyId == id && c.Used)));
        Assert.Equal(0, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id && (d.Answers != "{}" || d.InvitationCodeId != null))));
    }

    [Fact]
    public async Task Responses_posted_through_the_API_wait_for_a_batch_too_and_results_wait_for_the_closing()
    {
        var id = await scenario.OpenSurveyAsync("API batches", ("Nurses", true, true), ("Physicians", true, true));
        using var api = await scenario.ApiClientAsync("Kiosk");

        async Task PostAsync()
        {
            using var body = new StringContent("""{"role":"Nurses","answers":[{"targetRole":"Physicians","frequent":4,"timely":3}]}""", System.Text.Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/surveys/{id}/responses", body)).StatusCode);
        }

        for (var i = 0; i < 4; i++)
        {
            await PostAsync();
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        await PostAsync();
        Assert.Equal(5, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        // Nobody can watch results move by one response and subtract: there are none until the closing.
        Assert.Equal(HttpStatusCode.Conflict, (await api.GetAsync($"/api/v1/surveys/{id}/results/summary")).StatusCode);
        Assert.Single(await app.QueryAsync(db => db.Database.SqlQuery<string>($"""
            SELECT DISTINCT xmin::text AS "Value" FROM "Responses" WHERE "SurveyId" = {id}
            """).ToListAsync()));
    }

    [Fact]
    public async Task Closing_the_survey_stores_what_was_submitted_and_deletes_what_was_not()
    {
        var (id, key, roles, codes) = await InvitationCodeTests.SurveyWithCodesAsync(app, scenario, "Close");
        await SubmitWithCodeAsync(key, codes["Nurses"], roles);
        using var unfinished = new Respondent(app, key);
        await unfinished.StartAsync(roles["Physicians"]);
        await unfinished.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Nurses"]] = 3 });

        var closed = await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/surveys/{id}/close", []);

        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        Assert.Equal(1, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.True(await app.QueryAsync(db => db.InvitationCodes.Where(c => c.CodeHash == GeneratedCodes.HashOf(app, codes["Nurses"])).Select(c => c.Used).SingleAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id && !d.Submitted)));
    }

    [Fact]
    public async Task A_survey_past_its_closing_date_is_finished_by_the_housekeeping()
    {
        var (id, key, roles, codes) = await InvitationCodeTests.SurveyWithCodesAsync(app, scenario, "By date");
        await SubmitWithCodeAsync(key, codes["Nurses"], roles);
        using var unfinished = new Respondent(app, key);
        await unfinished.StartAsync(roles["Physicians"]);
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DraftSweeper>().SweepAsync();
        }

        Assert.Equal(1, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(0, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id && !d.Submitted)));
        Assert.Contains("This survey has closed.", (await unfinished.Client.GetAsync(unfinished.Base)).Text, StringComparison.Ordinal);
    }

    private async Task SubmitWithCodeAsync(string key, string code, Dictionary<string, Guid> roles)
    {
        using var respondent = new Respondent(app, key);
        Assert.Equal($"/s/{key}", (await respondent.Client.PostAsync("/c", ("code", code))).Location);
        await respondent.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Nurses"]] = 4, [roles["Physicians"]] = 2 });
        Assert.Equal($"/s/{key}/thanks", (await respondent.SubmitAsync()).Location);
    }
}
