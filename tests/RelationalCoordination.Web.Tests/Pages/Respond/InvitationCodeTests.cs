using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

/// <summary>
/// Answering with a single-use invitation code, and the promise that goes with it: the code is
/// marked used, but no column, key, join or log line ties the response to the code.
/// </summary>
public sealed class InvitationCodeTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task A_code_starts_the_survey_in_its_role_and_works_exactly_once()
    {
        var (id, key, roles, codes) = await SurveyWithCodesAsync(app, scenario, "Once");
        var code = codes["Physicians"];
        using var respondent = new Respondent(app, key);

        var form = await respondent.Client.GetAsync($"/c/{code}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains($"value=\"{code}\"", form.Html, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id)));   // opening the link uses nothing

        var started = await respondent.Client.PostAsync("/c", ("code", $" {code[..4].ToLowerInvariant()}-{code[4..]} "));
        Assert.Equal($"/s/{key}", started.Location);
        var welcome = await respondent.Client.GetAsync(respondent.Base);
        Assert.Contains("Your role: Physicians", welcome.Text, StringComparison.Ordinal);
        Assert.Equal($"/s/{key}/q/1", (await respondent.Client.PostAsync(respondent.Base)).Location);
        await respondent.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Nurses"]] = 4 });
        var hash = GeneratedCodes.HashOf(app, code);
        Assert.False(await app.QueryAsync(db => db.InvitationCodes.Where(c => c.CodeHash == hash).Select(c => c.Used).SingleAsync()));
        await respondent.SubmitAsync();

        Assert.True(await app.QueryAsync(db => db.InvitationCodes.Where(c => c.CodeHash == hash).Select(c => c.Used).SingleAsync()));
        Assert.Equal(roles["Physicians"], await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).Select(r => r.RoleId).SingleAsync()));
        using var again = new Respondent(app, key);
        var reused = await again.Client.PostAsync("/c", ("code", code));
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Contains("This code has already been used", reused.Text, StringComparison.Ordinal);
        foreach (var bad in new[] { "ZZZZZZZZZZ", "short", "", new string('A', 5000) })
        {
            var unknown = await again.Client.PostAsync("/c", ("code", bad));
            Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
            Assert.Contains("We do not know this code", unknown.Text, StringComparison.Ordinal);
        }

        Assert.Equal(1, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task The_code_page_names_the_survey_of_a_known_code_and_nothing_of_an_unknown_one()
    {
        var (id, key, _, codes) = await SurveyWithCodesAsync(app, scenario, "Discharge, spring wave");
        using var respondent = new Respondent(app, key);
        var code = codes["Nurses"];

        var linked = await respondent.Client.GetAsync($"/c/{code}");
        var typed = await respondent.Client.GetAsync($"/c/{code[..4].ToLowerInvariant()}-{code[4..]}");

        foreach (var page in new[] { linked, typed })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Discharge, spring wave", page.Text, StringComparison.Ordinal);
            Assert.Contains("how the roles involved in discharging a patient work together", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("We do not know this code", page.Text, StringComparison.Ordinal);
        }

        // An unknown code, well formed or not, says only that: no title, no work process, the same page.
        var unknown = new List<string>();
        foreach (var bad in new[] { "ZZZZZZZZZZ", $"{code[..9]}Z" == code ? $"{code[..9]}Y" : $"{code[..9]}Z", "short" })
        {
            var page = await respondent.Client.GetAsync($"/c/{bad}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("We do not know this code", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Discharge, spring wave", page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("discharging a patient", page.Html, StringComparison.Ordinal);
            // The same page for each but for the code itself (in the field and the language links) and the form's antiforgery token.
            unknown.Add(System.Text.RegularExpressions.Regex.Replace(page.Html.Replace(bad, "…", StringComparison.Ordinal),
                "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", ""));
        }

        Assert.Single(unknown.Distinct());
        Assert.DoesNotContain("We do not know this code", (await respondent.Client.GetAsync("/c")).Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id)));   // reading a code uses nothing
    }

    [Fact]
    public async Task A_started_code_continues_on_its_own_device_and_elsewhere_only_with_the_resume_code()
    {
        var (_, key, roles, codes) = await SurveyWithCodesAsync(app, scenario, "Two devices");
        using var phone = new Respondent(app, key);
        await phone.Client.PostAsync("/c", ("code", codes["Nurses"]));
        await phone.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Physicians"]] = 2 });
        var resumeCode = await phone.ResumeCodeAsync();

        // The phone that began it continues from the survey's link, whatever the code page says.
        Assert.Equal(HttpStatusCode.BadRequest, (await phone.Client.PostAsync("/c", ("code", codes["Nurses"]))).Status);
        Assert.Equal($"/s/{key}/q/2", (await phone.Client.PostAsync(phone.Base)).Location);

        // The tablet is told to use the resume code, and with it continues.
        using var tablet = new Respondent(app, key);
        var refused = await tablet.Client.PostAsync("/c", ("code", codes["Nurses"]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("already been used to start a response", refused.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/s/{key}/resume\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal($"/s/{key}/q/2", (await tablet.Client.PostAsync($"/s/{key}/resume", ("code", resumeCode))).Location);
        Assert.Contains($"name=\"q1.{roles["Physicians"]:N}\" value=\"2\" checked=\"checked\"", (await tablet.Client.GetAsync($"/s/{key}/q/1")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_code_redeemed_on_two_devices_at_once_makes_one_draft()
    {
        var (id, key, _, codes) = await SurveyWithCodesAsync(app, scenario, "Race");
        for (var round = 0; round < 5; round++)
        {
            var code = round == 0 ? codes["Nurses"] : await NewCodeAsync(id);
            var devices = Enumerable.Range(0, 3).Select(_ => new Respondent(app, key)).ToList();
            var tokens = await Task.WhenAll(devices.Select(d => d.Client.TokenAsync("/c")));
            var started = await Task.WhenAll(devices.Select((d, i) => d.Client.PostWithTokenAsync("/c", [KeyValuePair.Create("code", code)], tokens[i])));

            // One device starts; the others wait for its lock, then find the code started.
            Assert.Single(started, s => s.Location == $"/s/{key}");
            Assert.Equal(2, started.Count(s => s.Status == HttpStatusCode.BadRequest && s.Text.Contains("already been used to start a response", StringComparison.Ordinal)));
            var hash = GeneratedCodes.HashOf(app, code);
            Assert.Equal(1, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => db.InvitationCodes.Any(c => c.Id == d.InvitationCodeId && c.CodeHash == hash))));
            devices.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public async Task Nothing_stored_or_logged_ties_a_response_to_its_invitation_code()
    {
        var logs = Directory.CreateTempSubdirectory("rc-logs-");
        var logged = new AppFactory();
        logged.Settings["Logging:File"] = Path.Combine(logs.FullName, "rc-.log");
        Dictionary<string, string> codes;
        string resumeCode;
        await using (var isolated = await Scenario.CreateAsync(logged))
        {
            (var id, var key, var roles, codes) = await SurveyWithCodesAsync(logged, isolated, "Anonymity");
            using (var respondent = new Respondent(logged, key))
            {
                await respondent.Client.GetAsync($"/c/{codes["Nurses"]}");
                await respondent.Client.PostAsync($"/c/{codes["Nurses"]}", ("code", codes["Nurses"]));
                resumeCode = await respondent.ResumeCodeAsync();
                await respondent.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Nurses"]] = 5, [roles["Physicians"]] = 3 });
                await respondent.SubmitAsync();
            }

            // The response and its answers hold only the survey, the roles, the day and the scores.
            var columns = await logged.QueryAsync(db => db.Database.SqlQuery<string>($"""
                SELECT table_name || '.' || column_name AS "Value" FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name IN ('Responses', 'Answer') ORDER BY 1
                """).ToListAsync());
            Assert.Equal(
                ["Answer.Accurate", "Answer.Frequent", "Answer.MutualRespect", "Answer.ProblemSolving", "Answer.ResponseId", "Answer.SharedGoals",
                 "Answer.SharedKnowledge", "Answer.TargetRoleId", "Answer.Timely", "Responses.Id", "Responses.RoleId", "Responses.SubmittedOn", "Responses.SurveyId"],
                columns);

            // No foreign key runs between responses and codes or drafts, either way.
            var keys = await logged.QueryAsync(db => db.Database.SqlQuery<string>($"""
                SELECT DISTINCT source.relname || '->' || target.relname AS "Value" FROM pg_constraint c
                JOIN pg_class source ON source.oid = c.conrelid JOIN pg_class target ON target.oid = c.confrelid
                WHERE c.contype = 'f' AND (source.relname IN ('Responses', 'Answer', 'InvitationCodes', 'ResponseDrafts')
                                        OR target.relname IN ('Responses', 'Answer', 'InvitationCodes', 'ResponseDrafts')) ORDER BY 1
                """).ToListAsync());
            Assert.Equal(
                ["InvitationCodes->SurveyRoles", "InvitationCodes->Surveys", "ResponseDrafts->InvitationCodes",
                 "ResponseDrafts->SurveyRoles", "ResponseDrafts->Surveys", "Responses->SurveyRoles", "Responses->Surveys"],
                keys);

            // An answer's reference to its response is kept by triggers instead (decision 0024); no
            // trigger touches codes or drafts.
            var triggers = await logged.QueryAsync(db => db.Database.SqlQuery<string>($"""
                SELECT DISTINCT event_object_table || ':' || trigger_name AS "Value" FROM information_schema.triggers
                WHERE event_object_table IN ('Responses', 'Answer', 'InvitationCodes', 'ResponseDrafts') ORDER BY 1
                """).ToListAsync());
            Assert.Equal(["Answer:TR_Answer_ResponseExists", "Answer:TR_Answer_ResponseExists_Update", "Responses:TR_Responses_DeleteAnswers"], triggers);

            // The submitted draft has let go of its code and its answers; the response shares no id with either.
            var draft = await logged.QueryAsync(db => db.ResponseDrafts.SingleAsync(d => d.SurveyId == id));
            var hash = GeneratedCodes.HashOf(logged, codes["Nurses"]);
            var code = await logged.QueryAsync(db => db.InvitationCodes.SingleAsync(c => c.CodeHash == hash));
            var response = await logged.QueryAsync(db => db.Responses.SingleAsync(r => r.SurveyId == id));
            Assert.True(code.Used);
            Assert.True(draft.Submitted);
            Assert.Null(draft.InvitationCodeId);
            Assert.Equal("{}", draft.Answers);
            Assert.DoesNotContain(response.Id, new[] { draft.Id, code.Id });

            // Even a database dump has no trace of which code answered: no code text outside its own row.
            var dump = await logged.QueryAsync(db => db.Database.SqlQuery<string>($"""
                SELECT row_to_json(r)::text AS "Value" FROM "Responses" r UNION ALL SELECT row_to_json(d)::text FROM "ResponseDrafts" d
                """).ToListAsync());
            Assert.All(dump, row => Assert.DoesNotContain(codes["Nurses"], row, StringComparison.Ordinal));
            Assert.All(dump, row => Assert.DoesNotContain(code.Id.ToString(), row, StringComparison.Ordinal));
        }

        await logged.DisposeAsync();
        var log = string.Concat(logs.GetFiles().Select(f => File.ReadAllText(f.FullName)));
        Assert.True(log.Contains("/c/(code)", StringComparison.Ordinal), $"the request to /c/… was not logged as /c/(code):\n{log}");   // logged, without its code
        foreach (var secret in new[] { codes["Nurses"], codes["Nurses"][..4] + "-" + codes["Nurses"][4..8], resumeCode, resumeCode.Replace("-", "", StringComparison.Ordinal) })
        {
            var at = log.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
            Assert.True(at < 0, $"the log holds {secret}: …{(at < 0 ? "" : log.Substring(Math.Max(0, at - 200), Math.Min(400, log.Length - Math.Max(0, at - 200))))}…");
        }

        logs.Delete(recursive: true);
    }

    [Fact]
    public async Task A_code_stored_in_clear_before_the_upgrade_is_hashed_at_the_next_start_and_still_works()
    {
        var (id, key, roles, _) = await SurveyWithCodesAsync(app, scenario, "Upgrade");
        // As a database of the version before keyed hashes holds it, after the migration renamed the column.
        const string Plain = "K7QM4XPD2B";
        await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "InvitationCodes" ("Id", "SurveyId", "RoleId", "CodeHash", "Used") VALUES ({Guid.NewGuid()}, {id}, {roles["Nurses"]}, {Plain}, false)
            """));

        await using var restarted = app.Restarted();
        using var respondent = new Respondent(restarted, key);
        Assert.Equal($"/s/{key}", (await respondent.Client.PostAsync("/c", ("code", Plain))).Location);
        Assert.Contains("Your role: Nurses", (await respondent.Client.GetAsync(respondent.Base)).Text, StringComparison.Ordinal);
        var stored = await restarted.QueryAsync(db => db.InvitationCodes.Where(c => c.SurveyId == id).Select(c => c.CodeHash).ToListAsync());
        Assert.DoesNotContain(Plain, stored);
        Assert.Contains(GeneratedCodes.HashOf(app, Plain), stored);
        Assert.All(stored, h => Assert.Equal(64, h.Length));
    }

    private async Task<string> NewCodeAsync(Guid surveyId) =>
        (await GeneratedCodes.GenerateAsync(scenario, surveyId, 1, (await Respondent.RolesAsync(app, surveyId))["Nurses"])).Codes.Single().Code;

    /// <summary>An open survey with two answering roles and one code for each; returns the first code of each role by role name.</summary>
    internal static async Task<(Guid Id, string Key, Dictionary<string, Guid> Roles, Dictionary<string, string> Codes)> SurveyWithCodesAsync(AppFactory app, Scenario scenario, string title, int codesPerRole = 1) =>
        await SurveyWithAllCodesAsync(app, scenario, title, codesPerRole) is var (id, key, roles, all)
            ? (id, key, roles, roles.ToDictionary(r => r.Key, r => all.First(c => c.Role == r.Key).Code))
            : default;

    /// <summary>An open survey with two answering roles and <paramref name="codesPerRole"/> codes for each, as the page showed them (role name, code).</summary>
    internal static Task<(Guid Id, string Key, Dictionary<string, Guid> Roles, List<(string Role, string Code)> Codes)> SurveyWithAllCodesAsync(AppFactory app, Scenario scenario, string title, int codesPerRole) =>
        GeneratedCodes.SurveyWithCodesAsync(app, scenario, title, codesPerRole);
}
