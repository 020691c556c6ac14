using System.Net;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>A respondent's browser, without JavaScript: plain form posts, as a phone with scripts off would send them.</summary>
public sealed partial class Respondent(AppFactory app, string key) : IDisposable
{
    public AppClient Client { get; } = app.NewClient();

    public string Key { get; } = key;

    public string Base => $"/s/{Key}";

    public static async Task<string> KeyOfAsync(AppFactory app, Guid surveyId) =>
        await app.QueryAsync(db => db.Surveys.Where(s => s.Id == surveyId).Select(s => s.PublicKey!).SingleAsync());

    public static async Task<Dictionary<string, Guid>> RolesAsync(AppFactory app, Guid surveyId) =>
        await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == surveyId).ToDictionaryAsync(r => r.Name, r => r.Id));

    /// <summary>Chooses a role on the welcome page; returns where it leads.</summary>
    public async Task<AppClient.Page> StartAsync(Guid role) =>
        await Client.PostAsync(Base, ("chosenRole", role.ToString()));

    /// <summary>Posts question <paramref name="n"/> with a score (1–5, 0 = not applicable) per role; roles left out stay unanswered.</summary>
    public async Task<AppClient.Page> AnswerAsync(int n, IReadOnlyDictionary<Guid, int> scores, string go = "next") =>
        await Client.PostAsync($"{Base}/q/{n}", [.. Fields(n, scores), KeyValuePair.Create("go", go)]);

    public static IEnumerable<KeyValuePair<string, string>> Fields(int n, IReadOnlyDictionary<Guid, int> scores) =>
        scores.Select(s => KeyValuePair.Create($"q{n}.{s.Key:N}", s.Value == 0 ? "na" : s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task<AppClient.Page> SubmitAsync() => await Client.PostAsync($"{Base}/review");

    /// <summary>The resume code shown on a step of the survey.</summary>
    public async Task<string> ResumeCodeAsync()
    {
        var page = await Client.GetAsync($"{Base}/q/1");
        if (page.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"No question page: {page.Status} {page.Location}");
        }

        return ResumeCodePattern().Match(page.Html).Groups[1].Value;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("id=\"resume-code\">[^<]*?([0-9A-Z]{4}-[0-9A-Z]{4})")]
    private static partial Regex ResumeCodePattern();
}
