using System.Net;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Sessions;

/// <summary>What the feedback session tests share: making a session and predicting through the pages, and reading a session back.</summary>
internal static partial class SessionPages
{
    /// <summary>The steps of a session, in order, each by the id of its section.</summary>
    internal static readonly string[] StepIds = ["step-ground", "step-predict", "step-reveal", "step-strengths", "step-together", "step-next"];

    internal static string ListUrl(Scenario scenario, Guid survey) => $"/orgs/{scenario.OrgId}/surveys/{survey}/sessions";

    internal static string Step(Scenario scenario, Guid survey, Guid session, int n) => $"{ListUrl(scenario, survey)}/{session}/step/{n}";

    internal static string Print(Scenario scenario, Guid survey, Guid session) => $"{ListUrl(scenario, survey)}/{session}/print";

    /// <summary>Creates a session on its page, as <paramref name="client"/> (the facilitator by default); returns its id.</summary>
    internal static async Task<Guid> CreateAsync(Scenario scenario, Guid survey, string name = "Ward meeting", AppClient? client = null)
    {
        var made = await (client ?? scenario.Facilitator).PostAsync($"{ListUrl(scenario, survey)}/new", ("Input.Name", name), ("Input.HeldOn", "2026-12-15"));
        Assert.True(made.Status == HttpStatusCode.Redirect, $"Creating a session failed: {made.Status} {made.Text}");
        return Guid.Parse(SessionInLocation().Match(made.Location!).Groups[1].Value);
    }

    /// <summary>The form's field for the tie from one role to another.</summary>
    internal static string Field(Guid from, Guid to) => $"Input.Bands[{from:N}_{to:N}]";

    /// <summary>Posts the prediction form of step 2 with the given fields (field → band), as <paramref name="client"/> (the facilitator by default).</summary>
    internal static Task<AppClient.Page> PredictAsync(Scenario scenario, Guid survey, Guid session, IEnumerable<KeyValuePair<string, string>> fields, string go = "", AppClient? client = null)
    {
        var url = Step(scenario, survey, session, 2);
        return (client ?? scenario.Facilitator).PostAsync(url, [.. fields, KeyValuePair.Create("go", go)], url);
    }

    /// <summary>The session's stored predictions as "from → to: band", in order.</summary>
    internal static Task<List<string>> PredictionsAsync(AppFactory app, Guid session) => app.QueryAsync(async db =>
        (await db.FeedbackSessions.AsNoTracking().SingleAsync(s => s.Id == session)).Predictions
            .Select(p => $"{p.FromRole} → {p.ToRole}: {p.Band}").ToList());

    /// <summary>A section of a page by its id: from its opening tag to the next section or the end of main.</summary>
    internal static string Section(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        var end = html.IndexOf("<section", start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.IndexOf("</main>", start, StringComparison.Ordinal) : end)];
    }

    [GeneratedRegex("/sessions/([0-9a-f-]{36})/step/1$")]
    private static partial Regex SessionInLocation();
}
