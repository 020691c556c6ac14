using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Attacks;

/// <summary>
/// The surveys the attack tests attack: three roles at k = 3, one of them (the pharmacists) a group
/// smaller than k whose answers the attacker is after.
/// </summary>
internal static class AttackSurveys
{
    internal const int K = 3;
    internal static readonly string[] Roles = ["Nurses", "Physicians", "Pharmacists"];

    /// <summary>
    /// Three nurses and three physicians, with varied answers, and <paramref name="pharmacists"/>
    /// pharmacists who answer every item <paramref name="pharmacist"/> about every role.
    /// </summary>
    internal static string Responses(int pharmacist, int pharmacists = 1)
    {
        var csv = new StringBuilder("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        for (var i = 0; i < 3; i++)
        {
            foreach (var (role, r) in new[] { ("Nurses", 0), ("Physicians", 1) })
            {
                for (var t = 0; t < Roles.Length; t++)
                {
                    var items = Enumerable.Range(0, 7).Select(k => 1 + ((i + (2 * r) + t + k) % 5));
                    csv.Append(CultureInfo.InvariantCulture, $"{role[0]}{i},{role},{Roles[t]},{string.Join(',', items)}\n");
                }
            }
        }

        for (var p = 0; p < pharmacists; p++)
        {
            foreach (var target in Roles)
            {
                csv.Append(CultureInfo.InvariantCulture, $"X{p},Pharmacists,{target},{string.Join(',', Enumerable.Repeat(pharmacist, 7))}\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>Creates, opens, fills and closes a survey of the three roles at k = 3 through the API.</summary>
    internal static async Task<Guid> ClosedSurveyAsync(HttpClient api, string title, string csv, Guid? previous)
    {
        var id = await OpenSurveyAsync(api, title, csv, previous);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/close", null)).StatusCode);
        return id;
    }

    /// <summary>Creates, opens and fills a survey of the three roles at k = 3 through the API, and leaves it open.</summary>
    internal static async Task<Guid> OpenSurveyAsync(HttpClient api, string title, string csv, Guid? previous)
    {
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            title,
            workProcess = "discharging a patient",
            minimumGroupSize = K,
            roles = Roles.Select(r => new { name = r }),
            previousWaveId = previous,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/open", null)).StatusCode);
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/surveys/{id}/responses/import", content)).StatusCode);
        return id;
    }
}
