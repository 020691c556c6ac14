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

using static RelationalCoordination.Web.Tests.Api.ApiSurveys;

namespace RelationalCoordination.Web.Tests.Api;

/// <summary>Bad surveys, imports and responses sent to the API: a 400 that names the field, and nothing stored.</summary>
public sealed class ApiValidationTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    [Theory]
    [InlineData("{", "body", "Not valid JSON")]
    [InlineData("""{"workProcess":"w","roles":[{"name":"A"}]}""", "title", "Give the survey a title")]
    [InlineData("""{"title":"T","workProcess":"w","roles":[]}""", "roles", "Give 1 to 100 roles")]
    [InlineData("""{"title":"T","workProcess":"w","min_group_size":5,"roles":[{"name":"A"}]}""", "body", "min_group_size is not a field of this request")]
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
    public async Task A_large_import_read_in_two_halves_is_stored_whole_or_refused_naming_the_last_line()
    {
        using var api = await ClientAsync();
        var lines = Wave1.TrimEnd('\n').Split('\n');
        var copies = (1_300_000 / Wave1.Length) + 1; // over 1 MB: read in two halves at once
        var large = new StringBuilder(lines[0]).Append('\n');
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var line in lines.Skip(1))
            {
                large.Append(CultureInfo.InvariantCulture, $"c{copy}-{line}\n");
            }
        }

        var good = await ImportedAsync(api, "Large import", null);
        var bad = await ImportedAsync(api, "Large bad import", null);
        using (var csv = new StringContent(large.ToString(), Encoding.UTF8, "text/csv"))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{good}/responses/import", csv)).StatusCode);
        }

        var lastLine = (copies * (lines.Length - 1)) + 2;
        using (var csv = new StringContent(large.Append("z1,Nurses,Janitors,4,4,4,4,4,4,4\n").ToString(), Encoding.UTF8, "text/csv"))
        {
            var refused = await api.PostAsync($"/api/v1/surveys/{bad}/responses/import", csv);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var error = Assert.Single((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
            Assert.Equal((lastLine, "target_role"), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));
        }

        Assert.Equal(copies * 120, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == good)));
        Assert.Equal(copies * (lines.Length - 1), await app.QueryAsync(db => db.Set<RelationalCoordination.Web.Data.Answer>().CountAsync(a => db.Responses.Any(r => r.Id == a.ResponseId && r.SurveyId == good))));
        Assert.Equal(0, await app.QueryAsync(db => db.Responses.CountAsync(r => r.SurveyId == bad)));
    }

    [Theory]
    [InlineData("""{"role":"Janitors","answers":[{"targetRole":"Nurses","frequent":4}]}""", "role", "not a role that answers")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Nurses","frequent":7}]}""", "answers[0].frequent", "1 to 5")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Porters","frequent":4}]}""", "answers[0].targetRole", "not a rated role")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Nurses","frequent":4},{"targetRole":"Nurses","timely":4}]}""", "answers[1].targetRole", "answered twice")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Nurses"}]}""", "answers", "at least one score")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Nurses","frequent":"often"}]}""", "body", "Not valid JSON")]
    [InlineData("""{"role":"Nurses","answers":[{"targetRole":"Nurses","frequent":4,"problem_solving":2}]}""", "body", "answers[0].problem_solving is not a field of this request")]
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

    // Each test class has its own fixture, so its own organisation and token.
    private Task<HttpClient> ClientAsync() => ApiSurveys.TokenClientAsync(app, scenario);
}
