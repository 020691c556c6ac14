using System.Net;
using System.Text;

namespace RelationalCoordination.Web.Tests.Infrastructure;

public static class ApiResponses
{
    /// <summary>Posts a response's JSON to a survey through the API, with an <c>Idempotency-Key</c> unless it is empty; the status.</summary>
    public static async Task<HttpStatusCode> PostResponseAsync(this HttpClient api, Guid surveyId, string json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/{surveyId}/responses")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key.Length > 0)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await api.SendAsync(request);
        return response.StatusCode;
    }
}
