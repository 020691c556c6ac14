using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Tests.Common;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Pages.Orgs.Surveys;
using RelationalCoordination.Web.Tests.Infrastructure;
using RelationalCoordination.Web.Tests.Pages;

using Xunit;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>The REST API end to end, with a token made on the API tokens page.</summary>
public sealed class ApiTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string Wave1 = File.ReadAllText(ExpectedTable.ReferencePath("hospital", "wave1.csv"));

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task Through_the_API_alone_a_survey_is_created_opened_filled_and_read_with_the_reference_figures()
    {
        using var api = await ClientAsync();
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title = "Discharge via API",
            workProcess = "discharging a patient",
            minimumGroupSize = 5,
            frequencyVariant = "frequency",
            roles = ImportExportTests.HospitalRoles.Select(r => new { name = r, answers = true, rated = true }),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/surveys/{id}", created.Headers.Location?.AbsolutePath);
        // Where Location points: the survey, its roles in order.
        var read = await api.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal("draft", read.GetProperty("status").GetString());
        Assert.Equal(ImportExportTests.HospitalRoles, read.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()!));

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/open", null)).StatusCode);
        using var csv = new StringContent(Wave1, Encoding.UTF8, "text/csv");
        var imported = await api.PostAsync($"/api/v1/surveys/{id}/responses/import", csv);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(876, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());

        // While the survey is open there are no results at all, in any form: only counts.
        foreach (var part in new[] { "ties", "roles", "summary" })
        {
            var early = await api.GetAsync($"/api/v1/surveys/{id}/results/{part}");
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Results appear when the survey closes", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var list = (await api.GetFromJsonAsync<JsonElement>("/api/v1/surveys")).EnumerateArray().ToList();
        var listed = list.Single(s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal("open", listed.GetProperty("status").GetString());
        Assert.Equal(120, listed.GetProperty("responses").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);

        // Closed: every figure agrees with the anonymous reference (R, k = 5) to 1e-9; a suppressed
        // tie has no number, not even n; a role below k has no count; the summary pools the
        // observations of reportable ties only.
        const string Anonymous = "expected-anonymous-k5";
        var ties = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/ties")).EnumerateArray().ToList();
        ExpectedTable.Load(ExpectedTable.ReferencePath("hospital", Anonymous, "ties.csv"), "from_role", "to_role").Withholding("n", 5)
            .AssertAgrees(ties.ToDictionary(
                t => ExpectedTable.Key(t.GetProperty("fromRole").GetString()!, t.GetProperty("toRole").GetString()!),
                t => (Func<string, double?>)(column => JsonFigure(t, column switch
                {
                    "tie_strength" => "strength",
                    "sd" => "standardDeviation",
                    "ci_low" => "ciLow",
                    "ci_high" => "ciHigh",
                    "n" => "n",
                    _ => column,
                }))), "tie");
        Assert.Contains(ties, t => t.GetProperty("suppressed").GetBoolean());
        Assert.All(ties.Where(t => t.GetProperty("suppressed").GetBoolean()), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("n").ValueKind));
        var roles = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/roles")).EnumerateArray().ToList();
        ExpectedTable.Load(ExpectedTable.ReferencePath("hospital", Anonymous, "roles.csv"), "role").Withholding("respondents", 5, "respondents")
            .AssertAgrees(roles.ToDictionary(
                r => ExpectedTable.Key(r.GetProperty("role").GetString()!),
                r => (Func<string, double?>)(column => JsonFigure(r, Camel(column)))), "role");
        var summary = await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/summary");
        var expectedSummary = ExpectedTable.Load(ExpectedTable.ReferencePath("hospital", Anonymous, "summary.csv"), "metric");
        expectedSummary.AssertAgrees(
            expectedSummary.Rows.Keys.ToDictionary(m => m, m => (Func<string, double?>)(_ => JsonFigure(summary, Camel(m)))), "summary");

        // CSV for Accept: text/csv, the same file as the engine's anonymous result.
        var engine = ScoringEngine.Score(ResponsesCsv.Parse(Wave1, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/surveys/{id}/results/roles");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var rolesCsv = await api.SendAsync(request);
        Assert.Equal("text/csv", rolesCsv.Content.Headers.ContentType?.MediaType);
        var written = new StringWriter(CultureInfo.InvariantCulture);
        ResultsCsv.WriteRoles(written, engine.Roles, CsvTextFields.NeutraliseFormulas);
        Assert.Equal(written.ToString(), await rolesCsv.Content.ReadAsStringAsync());
    }

    /// <summary>A figure of a JSON object (a property, or one of its dimension means by key), or null.</summary>
    private static double? JsonFigure(JsonElement element, string name)
    {
        if (RelationalCoordination.Domain.Instrument.Dimensions.TryParseKey(name, out var dimension))
        {
            var mean = element.GetProperty("dimensionMeans")[(int)dimension];
            return mean.ValueKind == JsonValueKind.Null ? null : mean.GetDouble();
        }

        var value = element.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }

    /// <summary>A CSV column or metric name as the API's JSON names it: rc_given → rcGiven, rwg_j_mean → rwgJMean.</summary>
    private static string Camel(string name)
    {
        var parts = name.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    [Fact]
    public async Task The_results_equal_rc_score_anonymous_on_the_imported_file()
    {
        using var api = await ClientAsync();
        var id = await ImportedAsync(api, "Same numbers", Wave1, close: true);
        // What `rc score --anonymous --min-group-size 5` computes from the imported file.
        var rc = ScoringEngine.Score(ResponsesCsv.Parse(Wave1), new ScoringOptions(5, anonymous: true));

        var ties = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/ties")).EnumerateArray().ToList();
        var roles = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}/results/roles")).EnumerateArray().ToList();

        Assert.Equal(rc.Ties.Length, ties.Count);
        foreach (var (expected, actual) in rc.Ties.Zip(ties))
        {
            Assert.Equal($"{expected.FromRole} → {expected.ToRole}", $"{actual.GetProperty("fromRole").GetString()} → {actual.GetProperty("toRole").GetString()}");
            Assert.Equal(expected.N, actual.GetProperty("n").ValueKind == JsonValueKind.Null ? null : actual.GetProperty("n").GetInt32());
            AssertClose(expected.Strength, actual.GetProperty("strength"));
            AssertClose(expected.CiHigh, actual.GetProperty("ciHigh"));
            AssertClose(expected.RwgJ, actual.GetProperty("rwgJ"));
        }

        Assert.Equal(rc.Roles.Length, roles.Count);
        foreach (var (expected, actual) in rc.Roles.Zip(roles))
        {
            AssertClose(expected.RcGiven, actual.GetProperty("rcGiven"));
            AssertClose(expected.Betweenness, actual.GetProperty("betweenness"));
            AssertClose(expected.Eigenvector, actual.GetProperty("eigenvector"));
        }
    }

    private static void AssertClose(double? expected, JsonElement actual)
    {
        Assert.Equal(expected is null, actual.ValueKind == JsonValueKind.Null);
        if (expected is { } e)
        {
            Assert.Equal(e, actual.GetDouble(), 1e-9);
        }
    }

    [Fact]
    public async Task Waves_compare_through_the_API_as_the_engine_compares_them()
    {
        using var api = await ClientAsync();
        var first = await ImportedAsync(api, "API wave 1", Wave1, close: true);
        var wave2 = File.ReadAllText(ExpectedTable.ReferencePath("hospital", "wave2.csv"));
        var second = await ImportedAsync(api, "API wave 2", wave2, first);
        var early = await api.GetAsync($"/api/v1/surveys/{second}/compare/{first}");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("Both waves must be closed", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{second}/close", null)).StatusCode);

        var changes = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{second}/compare/{first}")).EnumerateArray().ToList();
        var expected = WaveComparison.Compare(ResponsesCsv.Parse(Wave1, ImportExportTests.HospitalRoles), ResponsesCsv.Parse(wave2, ImportExportTests.HospitalRoles), new ScoringOptions(5, anonymous: true));

        Assert.Equal(expected.Length, changes.Count);
        foreach (var (e, c) in expected.Zip(changes))
        {
            Assert.Equal(e.FromRole, c.GetProperty("fromRole").GetString());
            Assert.Equal(e.Change, c.GetProperty("change").GetDouble(), 1e-9);
            Assert.Equal(e.PValue!.Value, c.GetProperty("pValue").GetDouble(), 1e-9);
        }
    }

    [Fact]
    public async Task A_missing_wrong_or_revoked_token_gets_401_and_another_organisations_survey_404()
    {
        using var anonymous = app.CreateClient();
        var none = await anonymous.GetAsync("/api/v1/surveys");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "rc_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/surveys")).StatusCode);

        var (api, token) = await ClientWithTokenAsync();
        using (api)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/surveys")).StatusCode);
            var foreign = await scenario.Outsider.PostAsync($"/orgs/{scenario.OtherOrgId}/surveys/create",
                ("Input.Title", "Theirs"), ("Input.WorkProcess", "w"), ("Input.FrequencyVariant", "Frequency"), ("Input.MinGroupSize", "5"));
            var foreignId = foreign.Location!.Split('/')[^2];
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/surveys/{foreignId}/results/ties")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/surveys/{foreignId}/open", null)).StatusCode);

            var tokenId = await app.QueryAsync(db => db.ApiTokens.Where(t => t.TokenHash == RelationalCoordination.Web.Infrastructure.Secrets.Hash(token)).Select(t => t.Id).SingleAsync());
            var revoked = await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/tokens?handler=Revoke&tokenId={tokenId}", [], $"/orgs/{scenario.OrgId}/tokens");
            Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/surveys")).StatusCode);
        }
    }

    [Theory]
    [InlineData("{", "body", "Not valid JSON")]
    [InlineData("""{"workProcess":"w","roles":[{"name":"A"}]}""", "title", "Give the survey a title")]
    [InlineData("""{"title":"T","workProcess":"w","roles":[]}""", "roles", "Give 1 to 100 roles")]
    [InlineData("""{"title":"T","workProcess":"w","roles":[{"name":"A"},{"name":"a"}]}""", "roles[1].name", "listed twice")]
    [InlineData("""{"title":"T","workProcess":"w","minimumGroupSize":2,"roles":[{"name":"A"}]}""", "minimumGroupSize", "between 3 and 100")]
    [InlineData("""{"title":"T","workProcess":"w","frequencyVariant":"often","roles":[{"name":"A"}]}""", "frequencyVariant", "\"frequency\" or \"sufficiency\"")]
    [InlineData("""{"title":"T","workProcess":"w","roles":[{"name":"A","answers":false,"rated":false}]}""", "roles[0]", "answer the survey, be rated, or both")]
    [InlineData("""{"title":"T\u0000","workProcess":"w","roles":[{"name":"A"}]}""", "title", "control character")]
    [InlineData("""{"title":"T","workProcess":"w","roles":[{"name":"A\u0001"}]}""", "roles[0].name", "control character")]
    [InlineData("""{"title":"T","workProcess":"w","previousWaveId":"00000000-0000-0000-0000-000000000001","roles":[{"name":"A"}]}""", "previousWaveId", "Not a survey of this organisation")]
    public async Task A_bad_survey_body_gets_400_naming_the_field_and_stores_nothing(string body, string field, string message)
    {
        using var api = await ClientAsync();
        var before = await app.CountAsync<RelationalCoordination.Web.Data.Survey>();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await api.PostAsync("/api/v1/surveys", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.CountAsync<RelationalCoordination.Web.Data.Survey>());
    }

    [Fact]
    public async Task A_survey_of_100_roles_is_created_and_one_of_101_is_refused_naming_the_limit()
    {
        using var api = await ClientAsync();
        var before = await app.CountAsync<RelationalCoordination.Web.Data.Survey>();

        var tooMany = await api.PostAsJsonAsync("/api/v1/surveys", new { title = "101 roles", workProcess = "w", roles = Enumerable.Range(1, 101).Select(i => new { name = $"Role {i}" }) });
        var atLimit = await api.PostAsJsonAsync("/api/v1/surveys", new { title = "100 roles", workProcess = "w", roles = Enumerable.Range(1, 100).Select(i => new { name = $"Role {i}" }) });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var errors = (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("at most 100 roles", errors.GetProperty("roles")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, atLimit.StatusCode);
        Assert.Equal(before + 1, await app.CountAsync<RelationalCoordination.Web.Data.Survey>());
    }

    [Fact]
    public async Task A_bad_import_gets_400_listing_line_field_and_message_and_stores_nothing()
    {
        using var api = await ClientAsync();
        var id = await ImportedAsync(api, "Bad import", null);
        var bad = Wave1.Replace("Nurses,Physicians,4", "Nurses,Physicians,9", StringComparison.Ordinal).Replace("Pharmacists,Residents,", "Janitors,Residents,", StringComparison.Ordinal);

        using var csv = new StringContent(bad, Encoding.UTF8, "text/csv");
        var response = await api.PostAsync($"/api/v1/surveys/{id}/responses/import", csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("field").GetString() == "frequent" && e.GetProperty("line").GetInt32() > 1);
        Assert.Contains(errors, e => e.GetProperty("field").GetString() == "role" && e.GetProperty("message").GetString()!.Contains("Janitors", StringComparison.Ordinal));
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        using var json = new StringContent("{}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await api.PostAsync($"/api/v1/surveys/{id}/responses/import", json)).StatusCode);
    }

    [Fact]
    public async Task One_response_posted_as_JSON_is_stored_once_however_often_its_idempotency_key_is_repeated()
    {
        using var api = await ClientAsync();
        var id = await ImportedAsync(api, "Kiosk", null);
        object Body(int frequent) => new
        {
            role = "Nurses",
            answers = new object[]
            {
                new { targetRole = "Physicians", frequent, timely = 3, accurate = 4, problemSolving = (int?)null, sharedGoals = 5, sharedKnowledge = 4, mutualRespect = 5 },
                new { targetRole = "Nurses", frequent = (int?)null, timely = (int?)null, accurate = (int?)null, problemSolving = (int?)null, sharedGoals = (int?)null, sharedKnowledge = (int?)null, mutualRespect = (int?)null },
            },
        };

        async Task<HttpResponseMessage> PostAsync(string? key, int frequent = 4)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{id}/responses") { Content = JsonContent.Create(Body(frequent)) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return await api.SendAsync(request);
        }

        var first = await PostAsync("kiosk-7-000123");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("""{"stored":true}""", await first.Content.ReadAsStringAsync());
        var again = await PostAsync("kiosk-7-000123");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync("kiosk-7-000124")));
        Assert.All(racing, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(null, 2)).StatusCode);
        // The same key for another survey is another request.
        var other = await ImportedAsync(api, "Kiosk 2", null);
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{other}/responses") { Content = JsonContent.Create(Body(5)) })
        {
            request.Headers.Add("Idempotency-Key", "kiosk-7-000123");
            Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(request)).StatusCode);
        }

        Assert.Equal(1, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == other)));
        // The same key with another body is a mistake, not a retry.
        var reused = await PostAsync("kiosk-7-000123", 3);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("already used for a different request", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Closing stores every acknowledged response and deletes the stored keys: a retry then
        // hears that the survey is closed, like any request.
        await api.PostAsync($"/api/v1/surveys/{id}/close", null);
        Assert.Equal(0, await app.QueryAsync(db => db.IdempotentRequests.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("kiosk-7-000123")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync("kiosk-7-000999")).StatusCode);

        var responses = await app.QueryAsync(db => db.Responses.Where(r => r.SurveyId == id).Include(r => r.Answers).ToListAsync());
        Assert.Equal(3, responses.Count);
        Assert.All(responses, r => Assert.Single(r.Answers));   // the all-"not applicable" answer says nothing
        Assert.Equal([2, 4, 4], responses.Select(r => (int)r.Answers[0].Frequent!.Value).Order());
        Assert.All(responses, r => Assert.Null(r.Answers[0].ProblemSolving));
    }

    [Fact]
    public async Task A_closed_survey_s_results_are_frozen_and_take_no_more_imports()
    {
        using var api = await ClientAsync();
        var id = await ImportedAsync(api, "Frozen", Wave1);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        var before = await api.GetStringAsync($"/api/v1/surveys/{id}/results/ties");
        var snapshot = await app.QueryAsync(db => db.ResultsSnapshots.SingleAsync(s => s.SurveyId == id));

        using var csv = new StringContent(Wave1, Encoding.UTF8, "text/csv");
        var refused = await api.PostAsync($"/api/v1/surveys/{id}/responses/import", csv);
        var page = await scenario.ImportAsync(id, Wave1);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("closed and its results are frozen", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(409, (int)page.Status);
        Assert.Contains("closed and its results are frozen", page.Text, StringComparison.Ordinal);
        Assert.Equal(120, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        Assert.Equal(before, await api.GetStringAsync($"/api/v1/surveys/{id}/results/ties"));
        var after = await app.QueryAsync(db => db.ResultsSnapshots.SingleAsync(s => s.SurveyId == id));
        Assert.Equal(snapshot.ComputedAt, after.ComputedAt);   // served from the stored snapshot, not scored again
    }

    [Theory]
    [InlineData("""{"role":"Janitors","answers":[{"targetRole":"Nurses","frequent":4}]}""", "role", "not a role that answers")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Nurses","frequent":7}]}""", "answers[0].frequent", "1 to 5")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Porters","frequent":4}]}""", "answers[0].targetRole", "not a rated role")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Nurses","frequent":4},{"targetRole":"Nurses","timely":4}]}""", "answers[1].targetRole", "answered twice")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Nurses"}]}""", "answers", "at least one score")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Nurses","frequent":"often"}]}""", "body", "Not valid JSON")]
    public async Task A_bad_response_gets_400_naming_the_field_and_stores_nothing(string body, string field, string message)
    {
        using var api = await ClientAsync();
        var id = await ImportedAsync(api, $"Bad response {field}", null);

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await api.PostAsync($"/api/v1/surveys/{id}/responses", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
        await api.PostAsync($"/api/v1/surveys/{id}/close", null);
        using var good = new StringContent("""{"role":"Nurses","answers":[{"targetRole":"Nurses","frequent":4}]}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/surveys/{id}/responses", good)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/surveys", paths);
        Assert.Contains("/api/v1/surveys/{id}/responses/import", paths);
        Assert.Contains("/api/v1/surveys/{id}/responses", paths);
        Assert.Contains("/api/v1/surveys/{id}/results/ties", paths);
        Assert.Contains("/api/v1/surveys/{id}/compare/{earlierId}", paths);
        Assert.Equal("Relational Coordination API", document.GetProperty("info").GetProperty("title").GetString());
    }

    private static async Task<Guid> ImportedAsync(HttpClient api, string title, string? csv, Guid? previous = null, bool close = false)
    {
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title,
            workProcess = "discharging a patient",
            roles = ImportExportTests.HospitalRoles.Select(r => new { name = r }),
            previousWaveId = previous,
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await api.PostAsync($"/api/v1/surveys/{id}/open", null);
        if (csv is not null)
        {
            using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/responses/import", content)).StatusCode);
        }

        if (close)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        }

        return id;
    }

    private async Task<HttpClient> ClientAsync() => (await ClientWithTokenAsync()).Client;

    /// <summary>A token made on the API tokens page by the facilitator, in a client that sends it.</summary>
    private async Task<(HttpClient Client, string Token)> ClientWithTokenAsync()
    {
        var page = await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/tokens?handler=Create", [KeyValuePair.Create("name", "Tests")], $"/orgs/{scenario.OrgId}/tokens");
        var token = Regex.Match(page.Html, "id=\"token\">(rc_[^<]+)<").Groups[1].Value;
        Assert.StartsWith("rc_", token, StringComparison.Ordinal);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }
}
