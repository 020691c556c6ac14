using System.Globalization;
using System.Net;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>What the survey set-up tests share: an edit posted with the survey's current version, and the stored roles and status.</summary>
internal static class SurveySetupSteps
{
    internal static async Task<AppClient.Page> EditAsync(Scenario scenario, Guid id, params (string Name, string Value)[] fields) =>
        await scenario.Facilitator.PostAsync($"/orgs/{scenario.OrgId}/surveys/{id}/edit", [("version", (await scenario.VersionAsync(id)).ToString(CultureInfo.InvariantCulture)), .. fields]);

    internal static Task<string> RolesAsync(AppFactory app, Guid id) => app.QueryAsync(async db =>
        string.Join('|', await db.SurveyRoles.Where(r => r.SurveyId == id).OrderBy(r => r.Position).Select(r => r.Name).ToListAsync()));

    internal static Task<SurveyStatus> StatusAsync(AppFactory app, Guid id) => app.QueryAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
}
