using System.Net;
using System.Security.Cryptography;
using System.Text;

using Microsoft.EntityFrameworkCore;

using Npgsql;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// The insider who handed out invitation codes — and knows whose code is whose — tries to read or
/// change a respondent's answers through their code, or to recover the codes later, from the pages
/// or from a copy of the database.
/// </summary>
public sealed class DraftTakeoverAttackTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task A_facilitator_entering_a_started_code_sees_no_answer_and_cannot_change_or_submit_it()
    {
        var (id, key, roles, all) = await GeneratedCodes.SurveyWithCodesAsync(app, scenario, "Takeover", 1);
        var codes = all.ToDictionary(c => c.Role, c => c.Code);
        using var victim = new Respondent(app, key);
        await victim.Client.PostAsync("/c", ("code", codes["Nurses"]));
        await victim.AnswerAsync(1, new Dictionary<Guid, int> { [roles["Physicians"]] = 2, [roles["Nurses"]] = 5 });
        var before = await app.QueryAsync(db => db.ResponseDrafts.Where(d => d.SurveyId == id).Select(d => new { d.Answers, d.ResumeCodeHash }).SingleAsync());

        // The facilitator, in a fresh browser, types the code they mailed to the victim.
        using var insider = new Respondent(app, key);
        var entered = await insider.Client.PostAsync("/c", ("code", codes["Nurses"]));

        Assert.Equal(HttpStatusCode.BadRequest, entered.Status);
        Assert.Null(entered.Location);
        Assert.Contains("This code has already been used to start a response", entered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("checked", entered.Html, StringComparison.Ordinal);
        // The survey's pages know no draft of theirs: no question shows an answer, nothing can be saved or submitted.
        Assert.Equal(insider.Base, (await insider.Client.GetAsync($"/s/{key}/q/1")).Location);
        Assert.Equal(insider.Base, (await insider.Client.GetAsync($"/s/{key}/review")).Location);
        Assert.DoesNotContain("checked", (await insider.Client.GetAsync(insider.Base)).Html, StringComparison.Ordinal);
        await insider.Client.PostAsync($"/s/{key}/q/1", Respondent.Fields(1, new Dictionary<Guid, int> { [roles["Physicians"]] = 5 }), insider.Base);
        await insider.Client.PostAsync($"/s/{key}/review", [], insider.Base);

        // The victim's draft is untouched and still theirs; nothing was submitted.
        Assert.Equal(before, await app.QueryAsync(db => db.ResponseDrafts.Where(d => d.SurveyId == id).Select(d => new { d.Answers, d.ResumeCodeHash }).SingleAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.ResponseDrafts.CountAsync(d => d.SurveyId == id && d.Submitted)));
        Assert.Contains($"name=\"q1.{roles["Physicians"]:N}\" value=\"2\" checked=\"checked\"", (await victim.Client.GetAsync($"/s/{key}/q/1")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_cannot_list_or_download_the_codes_after_they_were_generated()
    {
        var (id, _, _, all) = await GeneratedCodes.SurveyWithCodesAsync(app, scenario, "Codes later", codesPerRole: 2);
        var survey = $"/orgs/{scenario.OrgId}/surveys/{id}";

        // Every way the app used to hand codes out again, as the facilitator and as the owner.
        foreach (var member in new[] { scenario.Facilitator, scenario.Owner })
        {
            foreach (var url in new[] { $"{survey}/share", $"{survey}/share?handler=CodesCsv", $"{survey}/slips", $"{survey}/slips?unused=false", survey })
            {
                var page = await member.GetAsync(url);
                Assert.All(all, c => Assert.DoesNotContain(c.Code, page.Html, StringComparison.Ordinal));
                Assert.All(all, c => Assert.DoesNotContain($"{c.Code[..4]}-{c.Code[4..8]}", page.Html, StringComparison.Ordinal));
            }

            // Without the codes in hand, the CSV and the slips have nothing to show.
            Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsync($"{survey}/share?handler=CodesCsv", [], $"{survey}/share")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsync($"{survey}/slips", [], $"{survey}/share")).Status);
        }
    }

    [Fact]
    public async Task A_copy_of_the_database_holds_no_code_and_cannot_test_a_guess_without_the_key()
    {
        var (id, _, _, all) = await GeneratedCodes.SurveyWithCodesAsync(app, scenario, "Database copy", codesPerRole: 3);

        // Every row of every table, as text, read straight from PostgreSQL.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT row_to_json(t)::text FROM \"{table}\" t", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dump.AppendLine(reader.GetString(0));
            }
        }

        var text = dump.ToString();
        Assert.All(all, c => Assert.DoesNotContain(c.Code, text, StringComparison.OrdinalIgnoreCase));

        // The insider holds the list of codes and the stored hashes: a plain hash of a code, which
        // they could compute for all 2^50 codes, matches nothing.
        var stored = new HashSet<string>();
        await using (var hashes = new NpgsqlCommand("""SELECT "CodeHash" FROM "InvitationCodes" WHERE "SurveyId" = $1""", connection) { Parameters = { new() { Value = id } } })
        await using (var reader = await hashes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }

        Assert.Equal(6, stored.Count);
        foreach (var (_, code) in all)
        {
            foreach (var guess in new[] { code, code.ToLowerInvariant(), $"{code[..4]}-{code[4..8]}-{code[8..]}" })
            {
                var bytes = Encoding.UTF8.GetBytes(guess);
                Assert.DoesNotContain(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored);
                Assert.DoesNotContain(Convert.ToHexStringLower(SHA512.HashData(bytes))[..64], stored);
                Assert.DoesNotContain(Convert.ToBase64String(SHA256.HashData(bytes)), stored);
            }

            // Only the key of the configuration, which is not in the database, makes the hash.
            Assert.Contains(GeneratedCodes.HashOf(app, code), stored);
        }
    }
}
