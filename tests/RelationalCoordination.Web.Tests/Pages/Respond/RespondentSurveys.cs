using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Pages.Respond;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages.Respond;

/// <summary>What the respondent page tests share: an opened survey, a fixed pattern of answers, and reading back what was saved.</summary>
internal static class RespondentSurveys
{
    /// <summary>Opens a survey of three roles (one rated but not answering, its name full of quoting) through the facilitator's pages.</summary>
    internal static async Task<(Guid Id, string Key, Dictionary<string, Guid> Roles)> OpenSurveyAsync(AppFactory app, Scenario scenario, string title)
    {
        var org = $"/orgs/{scenario.OrgId}";
        var id = await scenario.CreateSurveyAsync(scenario.Facilitator, title,
            ("Nurses", true, true), ("Physicians", true, true), ("Læger, \"on call\" <b>", false, true));
        var opened = await scenario.Facilitator.PostAsync($"{org}/surveys/{id}/open", []);
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        return (id, await Respondent.KeyOfAsync(app, id), await Respondent.RolesAsync(app, id));
    }

    /// <summary>An answer holds the seven scores <see cref="Scores"/> gives its target role ("not applicable" as null).</summary>
    internal static void AssertStoredAsGiven(Dictionary<string, Guid> roles, Answer answer)
    {
        var expected = Enumerable.Range(1, 7).Select(n => Scores(roles, n)[answer.TargetRoleId]).Select(s => s == 0 ? (short?)null : (short)s);
        Assert.Equal(expected, [answer.Frequent, answer.Timely, answer.Accurate, answer.ProblemSolving, answer.SharedGoals, answer.SharedKnowledge, answer.MutualRespect]);
    }

    /// <summary>A fixed, varied pattern of answers: item n about each role, 0 = not applicable.</summary>
    internal static Dictionary<Guid, int> Scores(Dictionary<string, Guid> roles, int n) =>
        roles.Values.Order().Select((role, i) => (role, score: ((n * 3) + (i * 2)) % 6)).ToDictionary(x => x.role, x => x.score);

    internal static int CheckedCount(string html) => html.Split("checked=\"checked\"").Length - 1;

    internal static Task<string> DraftAnswersAsync(AppFactory app, Guid id) =>
        app.QueryAsync(db => db.ResponseDrafts.Where(d => d.SurveyId == id).Select(d => d.Answers).SingleAsync());
}
