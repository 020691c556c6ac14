using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Tests.Common;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;
using RelationalCoordination.Web.Tests.Pages;

using Xunit;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>The API's resources beyond the survey's life cycle: reading one survey, its files, its raw responses, deleting it, and the document that describes them.</summary>
public sealed class ApiResourcesTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private static readonly string Wave1 = File.ReadAllText(ExpectedTable.ReferencePath("hospital", "wave1.csv"));

    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Fact]
    public async Task The_results_files_come_through_the_API_once_the_survey_closes_and_are_the_pages_files()
    {
        using var api = await scenario.ApiClientAsync("Files");
        var id = await scenario.OpenSurveyAsync("Files via API", [.. ImportExportTests.HospitalRoles.Select(r => (r, true, true))]);
        Assert.Equal(HttpStatusCode.OK, (await scenario.ImportAsync(id, Wave1)).Status);

        using var early = await api.GetAsync($"/api/v1/surveys/{id}/results/export/results.zip");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);

        await scenario.CloseSurveyAsync(id);
        using var zip = await api.GetAsync($"/api/v1/surveys/{id}/results/export/results.zip");
        using var workbook = await api.GetAsync($"/api/v1/surveys/{id}/results/export/results.xlsx");
        using var graph = await api.GetAsync($"/api/v1/surveys/{id}/results/export/network.graphml");
        using var unknown = await api.GetAsync($"/api/v1/surveys/{id}/results/export/results.exe");

        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Equal(["roles.csv", "summary.csv", "ties.csv"], archive.Entries.Select(e => e.FullName).Order());
        var pageZip = await scenario.Facilitator.Http.GetByteArrayAsync($"/orgs/{scenario.OrgId}/surveys/{id}/results/export/results.zip");
        using var pageArchive = new ZipArchive(new MemoryStream(pageZip));
        foreach (var entry in archive.Entries)
        {
            using var mine = new StreamReader(entry.Open());
            using var theirs = new StreamReader(pageArchive.GetEntry(entry.FullName)!.Open());
            Assert.Equal(await theirs.ReadToEndAsync(), await mine.ReadToEndAsync());
        }

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Content.Headers.ContentType?.MediaType);
        Assert.Equal((byte)'P', (await workbook.Content.ReadAsByteArrayAsync())[0]);   // a zip container, as every .xlsx is
        var graphml = XDocument.Parse(await graph.Content.ReadAsStringAsync());
        Assert.Equal(ImportExportTests.HospitalRoles.Length, graphml.Descendants(XName.Get("node", "http://graphml.graphdrawing.org/xmlns")).Count());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_raw_responses_come_through_the_API_for_an_owners_token_only()
    {
        var id = await scenario.ClosedSurveyAsync("Raw via API", Wave1, ImportExportTests.HospitalRoles);
        using var facilitators = await scenario.ApiClientAsync("Facilitator's");
        using var owners = await scenario.ApiClientAsync("Owner's", scenario.Owner);

        using var refused = await facilitators.GetAsync($"/api/v1/surveys/{id}/responses/export");
        using var export = await owners.GetAsync($"/api/v1/surveys/{id}/responses/export");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("owners", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        // The same file as the owner's page gives (respondent ids and order are drawn afresh each time).
        using var page = await scenario.Owner.Http.GetAsync($"/orgs/{scenario.OrgId}/surveys/{id}/export/responses.csv");
        Assert.Equal(page.Headers.GetValues("X-Respondents-Left-Out").Single(), export.Headers.GetValues("X-Respondents-Left-Out").Single());
        static string[] Rows(string csv) => [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r[(r.IndexOf(',', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal)];
        Assert.Equal(Rows(await page.Content.ReadAsStringAsync()), Rows(await export.Content.ReadAsStringAsync()));
        Assert.Contains(await app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == RelationalCoordination.Web.Infrastructure.AuditActions.ResponsesExported).Select(a => a.Subject).ToListAsync()),
            s => s.Contains("Raw via API", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_survey_read_through_the_API_has_its_roles_and_a_deleted_one_is_gone_with_its_responses()
    {
        using var api = await scenario.ApiClientAsync("Reader");
        var id = await scenario.ClosedSurveyAsync("To delete via API", Wave1, ImportExportTests.HospitalRoles);

        var survey = await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}");
        using var deleted = await api.DeleteAsync($"/api/v1/surveys/{id}");
        using var again = await api.GetAsync($"/api/v1/surveys/{id}");

        Assert.Equal("closed", survey.GetProperty("status").GetString());
        Assert.Equal(ImportExportTests.HospitalRoles, survey.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()!));
        Assert.True(survey.GetProperty("responses").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(survey.GetProperty("responses").GetInt32(), (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responses").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == id)));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_body_status_and_the_bearer_scheme()
    {
        using var anonymous = app.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security").GetArrayLength() > 0);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var name in new[] { "CreateSurveyRequest", "SurveyDetail", "SurveySummary", "StatusChanged", "ImportSucceeded", "SubmitResponseRequest", "SurveyDeleted", "HttpValidationProblemDetails" })
        {
            Assert.True(schemas.TryGetProperty(name, out _), $"no schema {name}");
        }

        var paths = document.GetProperty("paths");
        var create = paths.GetProperty("/api/v1/surveys").GetProperty("post");
        Assert.Equal("#/components/schemas/CreateSurveyRequest", create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(paths.TryGetProperty("/api/v1/surveys/{id}", out var one));
        Assert.True(one.TryGetProperty("get", out _) && one.TryGetProperty("delete", out _));
        Assert.True(paths.TryGetProperty("/api/v1/surveys/{id}/results/export/{file}", out _));
        string[] methods = ["get", "post", "put", "delete", "patch"];
        foreach (var operation in paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Where(o => methods.Contains(o.Name)))
        {
            var statuses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains(statuses, s => s.StartsWith('2'));
            Assert.Contains("401", statuses);
            Assert.Contains("404", statuses);
            Assert.Contains("500", statuses);
        }

        IEnumerable<string> Statuses(string path, string method) => paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name);
        Assert.Contains("422", Statuses("/api/v1/surveys/{id}/responses", "post"));
        Assert.Contains("429", Statuses("/api/v1/surveys/{id}/responses", "post"));
        Assert.Contains("403", Statuses("/api/v1/surveys/{id}/responses/export", "get"));
        Assert.Contains("415", Statuses("/api/v1/surveys/{id}/responses/import", "post"));
        Assert.Contains("400", Statuses("/api/v1/surveys", "post"));
    }
}
