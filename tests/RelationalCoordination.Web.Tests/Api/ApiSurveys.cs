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

/// <summary>What the API test classes share: the reference wave, a token client, a survey made, opened and filled through the API.</summary>
internal static class ApiSurveys
{
    internal static readonly string Wave1 = File.ReadAllText(ExpectedTable.ReferencePath("hospital", "wave1.csv"));

    internal static async Task<Guid> ImportedAsync(HttpClient api, string title, string? csv, Guid? previous = null, bool close = false)
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

    internal static async Task<HttpClient> TokenClientAsync(AppFactory app, Scenario scenario) => (await ClientWithTokenAsync(app, scenario)).Client;

    /// <summary>A token made on the API tokens page by the facilitator, in a client that sends it.</summary>
    internal static async Task<(HttpClient Client, string Token)> ClientWithTokenAsync(AppFactory app, Scenario scenario)
    {
        var page = await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/tokens?handler=Create", [KeyValuePair.Create("name", "Tests")], $"/orgs/{scenario.OrgId}/tokens");
        var token = Regex.Match(page.Html, "id=\"token\">(rc_[^<]+)<").Groups[1].Value;
        Assert.StartsWith("rc_", token, StringComparison.Ordinal);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }
}
