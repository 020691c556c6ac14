using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>
/// An organisation with an owner, a facilitator and a viewer, a second organisation whose owner
/// is an outsider to the first, and a draft survey with two roles — all made through the pages.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    private Scenario(AppFactory app) => App = app;

    public AppFactory App { get; }

    public AppClient Owner { get; private set; } = null!;

    public AppClient Facilitator { get; private set; } = null!;

    public AppClient Viewer { get; private set; } = null!;

    public AppClient Outsider { get; private set; } = null!;

    public AppClient Anonymous { get; private set; } = null!;

    public Guid OrgId { get; private set; }

    public Guid OtherOrgId { get; private set; }

    public Guid SurveyId { get; private set; }

    public static async Task<Scenario> CreateAsync(AppFactory app)
    {
        var scenario = new Scenario(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        scenario.Owner = app.NewClient();
        await scenario.Owner.SignUpAsync($"owner-{tag}@example.org");
        scenario.OrgId = await scenario.Owner.CreateOrganisationAsync("Medical wards");
        scenario.Facilitator = await scenario.MemberAsync($"facilitator-{tag}@example.org", OrgRole.Facilitator);
        scenario.Viewer = await scenario.MemberAsync($"viewer-{tag}@example.org", OrgRole.Viewer);
        scenario.Outsider = app.NewClient();
        await scenario.Outsider.SignUpAsync($"outsider-{tag}@example.org");
        scenario.OtherOrgId = await scenario.Outsider.CreateOrganisationAsync("Another hospital");
        scenario.Anonymous = app.NewClient();
        scenario.SurveyId = await scenario.CreateSurveyAsync(scenario.Facilitator, "Discharge", ("Nurses", true, true), ("Physicians", true, true));
        return scenario;
    }

    /// <summary>Signs a new user up and makes them a member through an invitation link.</summary>
    public async Task<AppClient> MemberAsync(string email, OrgRole role)
    {
        var link = await InvitationLinkAsync(role);
        var client = App.NewClient();
        await client.SignUpAsync(email);
        var joined = await client.PostAsync(new Uri(link).PathAndQuery);
        if (joined.Location != $"/orgs/{OrgId}")
        {
            throw new InvalidOperationException($"Joining failed: {joined.Status}");
        }

        return client;
    }

    public async Task<string> InvitationLinkAsync(OrgRole role)
    {
        var page = await Owner.PostAsync($"/orgs/{OrgId}/members?handler=Invite", [KeyValuePair.Create("role", role.ToString())], $"/orgs/{OrgId}/members");
        return System.Text.RegularExpressions.Regex.Match(page.Html, "id=\"invitation-link\">([^<]+)<").Groups[1].Value;
    }

    /// <summary>Creates a survey and its roles through the pages; returns its id.</summary>
    public async Task<Guid> CreateSurveyAsync(AppClient client, string title, params (string Name, bool Answers, bool Rated)[] roles)
    {
        var created = await client.PostAsync($"/orgs/{OrgId}/surveys/create",
            ("Input.Title", title), ("Input.WorkProcess", "discharging a patient"), ("Input.FrequencyVariant", "Frequency"), ("Input.MinGroupSize", "5"));
        var id = Guid.Parse(created.Location!.Split('/')[^2]);
        var saved = await SaveRolesAsync(client, id, roles);
        if (saved.Status != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Saving roles failed: {saved.Status} {saved.Text}");
        }

        return id;
    }

    /// <summary>Creates a survey with its roles and opens it, as the facilitator; returns its id.</summary>
    public async Task<Guid> OpenSurveyAsync(string title, params (string Name, bool Answers, bool Rated)[] roles)
    {
        var id = await CreateSurveyAsync(Facilitator, title, roles);
        await Facilitator.PostAsync($"/orgs/{OrgId}/surveys/{id}/open", []);
        return id;
    }

    /// <summary>Closes a survey on its page, as the facilitator: its results are computed now, once.</summary>
    public async Task CloseSurveyAsync(Guid surveyId)
    {
        var closed = await Facilitator.PostAsync($"/orgs/{OrgId}/surveys/{surveyId}/close", []);
        if (closed.Status != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Closing failed: {closed.Status} {closed.Text}");
        }
    }

    /// <summary>Creates and opens a survey, imports a responses CSV into it and closes it: a survey with results.</summary>
    public async Task<Guid> ClosedSurveyAsync(string title, string csv, params string[] roles)
    {
        var id = await OpenSurveyAsync(title, [.. roles.Select(r => (r, true, true))]);
        var imported = await ImportAsync(id, csv);
        if (imported.Status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Importing failed: {imported.Status} {imported.Text}");
        }

        await CloseSurveyAsync(id);
        return id;
    }

    /// <summary>
    /// Makes <paramref name="later"/> the next wave of <paramref name="earlier"/>, as “Start a new
    /// wave” would have: for tests that set up both surveys' roles their own way.
    /// </summary>
    public Task MakeNextWaveAsync(Guid earlier, Guid later) =>
        App.QueryAsync(db => db.Surveys.Where(s => s.Id == later).ExecuteUpdateAsync(u => u.SetProperty(s => s.PreviousWaveId, earlier)));

    /// <summary>Combines answering roles into a reporting group on the close page, as the facilitator.</summary>
    public Task<AppClient.Page> CombineRolesAsync(Guid surveyId, string name, params Guid[] roles) =>
        Facilitator.PostAsync($"/orgs/{OrgId}/surveys/{surveyId}/close?handler=Combine",
            [KeyValuePair.Create("Group.Name", name), .. roles.Select(r => KeyValuePair.Create("Group.Roles", r.ToString()))], $"/orgs/{OrgId}/surveys/{surveyId}/close");

    /// <summary>Uploads a responses CSV on the survey's import page, as the facilitator.</summary>
    public async Task<AppClient.Page> ImportAsync(Guid surveyId, string csv, System.Text.Encoding? encoding = null)
    {
        var url = $"/orgs/{OrgId}/surveys/{surveyId}/import";
        var token = await Facilitator.TokenAsync(url);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent((encoding ?? new System.Text.UTF8Encoding(false)).GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "responses.csv");
        form.Add(new StringContent(token!), "__RequestVerificationToken");
        using var response = await Facilitator.Http.PostAsync(url, form);
        return await AppClient.Page.ReadAsync(response);
    }

    /// <summary>A client of the API with a token the facilitator (or <paramref name="madeBy"/>) made on the API tokens page.</summary>
    public async Task<HttpClient> ApiClientAsync(string name = "Tests", AppClient? madeBy = null)
    {
        var page = await (madeBy ?? Facilitator).PostAsync($"/orgs/{OrgId}/tokens?handler=Create", [KeyValuePair.Create("name", name)], $"/orgs/{OrgId}/tokens");
        var token = System.Text.RegularExpressions.Regex.Match(page.Html, "id=\"token\">(rc_[^<]+)<").Groups[1].Value;
        if (!token.StartsWith("rc_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"No token was made: {page.Status}");
        }

        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The survey's current concurrency version, as the edit forms carry it.</summary>
    public Task<uint> VersionAsync(Guid surveyId) =>
        App.QueryAsync(db => db.Surveys.Where(s => s.Id == surveyId).Select(s => s.Version).SingleAsync());

    /// <summary>Posts the roles form with one row per role, in order.</summary>
    public Task<AppClient.Page> SaveRolesAsync(AppClient client, Guid surveyId, params (string Name, bool Answers, bool Rated)[] roles) =>
        PostRolesAsync(client, surveyId, [.. roles.Select((r, i) =>
        {
            var row = new Dictionary<string, string> { ["Name"] = r.Name, ["Position"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (r.Answers)
            {
                row["Answers"] = "true";
            }

            if (r.Rated)
            {
                row["IsRated"] = "true";
            }

            return row;
        })]);

    /// <summary>Posts the roles form with the survey's current version and the given rows (field → value).</summary>
    public async Task<AppClient.Page> PostRolesAsync(AppClient client, Guid surveyId, List<Dictionary<string, string>> rows)
    {
        var fields = new List<KeyValuePair<string, string>> { new("version", (await VersionAsync(surveyId)).ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        for (var i = 0; i < rows.Count; i++)
        {
            fields.AddRange(rows[i].Select(f => KeyValuePair.Create($"Roles[{i}].{f.Key}", f.Value)));
        }

        return await client.PostAsync($"/orgs/{OrgId}/surveys/{surveyId}/roles", fields);
    }

    /// <summary>Everything a page could change, to show that a refused request changed nothing.</summary>
    public Task<string> FingerprintAsync() => App.QueryAsync(async db =>
    {
        var surveys = await db.Surveys.OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Title}:{s.Status}:{s.Version}").ToListAsync();
        var roles = await db.SurveyRoles.OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.Name}:{r.Position}").ToListAsync();
        var members = await db.Memberships.OrderBy(m => m.UserId).ThenBy(m => m.OrganisationId).Select(m => $"{m.OrganisationId}:{m.UserId}:{m.Role}").ToListAsync();
        var invitations = await db.Invitations.CountAsync();
        var organisations = await db.Organisations.CountAsync();
        var wordings = (await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.ItemWordings).ToListAsync())
            .SelectMany(w => w).Select(w => $"{w.Language}:{w.Item}:{w.Wording}:{string.Join('/', w.Options)}");
        var respondents = $"{await db.Responses.CountAsync()}:{await db.ResponseDrafts.CountAsync()}:{await db.InvitationCodes.CountAsync()}:{await db.ApiTokens.CountAsync()}:{await db.ResultsLinks.CountAsync()}";
        var sessions = (await db.FeedbackSessions.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
            .Select(s => $"{s.Id}:{s.Name}:{s.HeldOn}:{s.UpdatedAt:O}:{string.Join(',', s.Predictions.Select(p => $"{p.FromRole}>{p.ToRole}={p.Band}"))}");
        var change = $"{await db.StructuralAssessments.CountAsync()}:{await db.Interventions.CountAsync()}:{await db.OutcomeMeasures.CountAsync()}";
        return string.Join('|', [.. surveys, .. roles, .. members, invitations.ToString(System.Globalization.CultureInfo.InvariantCulture), organisations.ToString(System.Globalization.CultureInfo.InvariantCulture), .. wordings, respondents, .. sessions, change]);
    });

    public ValueTask DisposeAsync()
    {
        foreach (var client in new[] { Owner, Facilitator, Viewer, Outsider, Anonymous })
        {
            client?.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
