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

/// <summary>Who the API lets in (a valid, unrevoked token, for its own organisation only), and the document that describes it.</summary>
public sealed class ApiAccessTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

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

    private Task<(HttpClient Client, string Token)> ClientWithTokenAsync() => ApiSurveys.ClientWithTokenAsync(app, scenario);
}
