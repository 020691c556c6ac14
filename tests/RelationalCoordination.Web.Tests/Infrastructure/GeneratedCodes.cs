using System.Net;
using System.Text.RegularExpressions;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>
/// Invitation codes as a facilitator gets them: from the page that answers "Generate", the only
/// place they are ever shown (the database holds keyed hashes).
/// </summary>
public static partial class GeneratedCodes
{
    /// <summary>Generates <paramref name="count"/> codes per answering role (or for one role) as the facilitator; the page and its codes (role name, code).</summary>
    public static async Task<(AppClient.Page Page, List<(string Role, string Code)> Codes)> GenerateAsync(Scenario scenario, Guid surveyId, int count, Guid? role = null, AppClient? client = null)
    {
        var share = $"/orgs/{scenario.OrgId}/surveys/{surveyId}/share";
        var fields = new List<KeyValuePair<string, string>> { KeyValuePair.Create("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (role is not null)
        {
            fields.Add(KeyValuePair.Create("role", role.Value.ToString()));
        }

        var page = await (client ?? scenario.Facilitator).PostAsync($"{share}?handler=Codes", fields, share);
        if (page.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Generating codes failed: {page.Status} {page.Text}");
        }

        return (page, Parse(page.Html));
    }

    /// <summary>The codes a page shows (role name, code), in its order.</summary>
    public static List<(string Role, string Code)> Parse(string html) =>
        [.. CodeRow().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Value))];

    /// <summary>The keyed hash the app stores of a code: HMAC-SHA256 under the key the tests configure (<see cref="AppFactory.HashKey"/>).</summary>
    public static string HashOf(AppFactory app, string code) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(app.Settings["Secrets:HashKey"]), System.Text.Encoding.UTF8.GetBytes(code)));

    /// <summary>
    /// An open survey with two answering roles (Nurses, Physicians) and <paramref name="codesPerRole"/>
    /// codes for each, as the page showed them (role name, code).
    /// </summary>
    public static async Task<(Guid Id, string Key, Dictionary<string, Guid> Roles, List<(string Role, string Code)> Codes)> SurveyWithCodesAsync(AppFactory app, Scenario scenario, string title, int codesPerRole)
    {
        var org = $"/orgs/{scenario.OrgId}";
        var id = await scenario.CreateSurveyAsync(scenario.Facilitator, title, ("Nurses", true, true), ("Physicians", true, true));
        await scenario.Facilitator.PostAsync($"{org}/surveys/{id}/open", []);
        var (_, codes) = await GenerateAsync(scenario, id, codesPerRole);
        return (id, await Respondent.KeyOfAsync(app, id), await Respondent.RolesAsync(app, id), codes);
    }

    [GeneratedRegex("""<tr><td>([^<]*)</td><td class="code" data-code="([0-9A-Z]{10})">""")]
    private static partial Regex CodeRow();
}
