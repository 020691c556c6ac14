using System.Net;
using System.Reflection;

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

/// <summary>
/// Every page handler, for every kind of caller: an anonymous visitor is sent to sign in, a user
/// of another organisation gets 404 (the organisation's existence is not revealed), and a member
/// below the handler's role gets 403 — and nothing changes.
/// </summary>
public sealed class AuthorizationTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private readonly AppFactory app = fixture.App;
    private readonly Scenario scenario = fixture.Scenario;

    /// <summary>
    /// (page model, handler method, HTTP method, URL, least role, what a facilitator gets).
    /// {org}, {survey}, {version}, {viewerId}, {role} and {role2} (the survey's first and last) and
    /// {session} (a feedback session of the survey) are filled in.
    /// </summary>
    public static TheoryData<string, string, string, string, OrgRole, int> Handlers => new()
    {
        { "Orgs.DashboardModel", "OnGetAsync", "GET", "/orgs/{org}", OrgRole.Viewer, 200 },
        { "Orgs.Members.IndexModel", "OnGetAsync", "GET", "/orgs/{org}/members", OrgRole.Owner, 403 },
        { "Orgs.Members.IndexModel", "OnPostInviteAsync", "POST", "/orgs/{org}/members?handler=Invite&role=Owner", OrgRole.Owner, 403 },
        { "Orgs.Members.IndexModel", "OnPostRoleAsync", "POST", "/orgs/{org}/members?handler=Role&userId={viewerId}&role=Owner", OrgRole.Owner, 403 },
        { "Orgs.Members.IndexModel", "OnPostRemoveAsync", "POST", "/orgs/{org}/members?handler=Remove&userId={viewerId}", OrgRole.Owner, 403 },
        { "Orgs.Surveys.CreateModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/create", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.CreateModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/create?Input.Title=T&Input.WorkProcess=W&Input.MinGroupSize=5", OrgRole.Facilitator, 302 },
        { "Orgs.Surveys.DetailsModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}", OrgRole.Viewer, 200 },
        { "Orgs.Surveys.OpenModel", "OnGet", "GET", "/orgs/{org}/surveys/{survey}/open", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.OpenModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/open", OrgRole.Facilitator, 302 },
        { "Orgs.Surveys.CloseModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/close", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.CloseModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/close", OrgRole.Facilitator, 409 },
        { "Orgs.Surveys.CloseModel", "OnPostCombineAsync", "POST", "/orgs/{org}/surveys/{survey}/close?handler=Combine&Group.Name=Pharmacy", OrgRole.Facilitator, 409 },
        { "Orgs.Surveys.CloseModel", "OnPostSplitAsync", "POST", "/orgs/{org}/surveys/{survey}/close?handler=Split&group=00000000-0000-0000-0000-000000000001", OrgRole.Facilitator, 409 },
        { "Orgs.Surveys.DetailsModel", "OnPostDuplicateAsync", "POST", "/orgs/{org}/surveys/{survey}?handler=Duplicate", OrgRole.Facilitator, 302 },
        { "Orgs.Surveys.EditModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/edit", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.EditModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/edit?Input.Title=Changed&Input.WorkProcess=W&Input.MinGroupSize=5&version={version}", OrgRole.Facilitator, 302 },
        { "Orgs.Surveys.TranslationsModel", "OnGet", "GET", "/orgs/{org}/surveys/{survey}/translations?lang=da", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.TranslationsModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/translations?lang=da&Input.Title=T&Input.WorkProcess=W&version={version}", OrgRole.Facilitator, 302 },
        { "Orgs.Surveys.RolesModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/roles", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.RolesModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/roles?Roles[0].Name=Porters&Roles[0].Answers=true&version={version}", OrgRole.Facilitator, 302 },
        { "Orgs.Surveys.RolesModel", "OnPostAddRow", "POST", "/orgs/{org}/surveys/{survey}/roles?handler=AddRow&Roles[0].Name=Porters&version={version}", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.RolesModel", "OnPostRemoveRow", "POST", "/orgs/{org}/surveys/{survey}/roles?handler=RemoveRow&row=0&Roles[0].Name=Porters&version={version}", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.PreviewModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/preview", OrgRole.Viewer, 200 },
        { "Orgs.Surveys.ImportModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/import", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.ImportModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/import", OrgRole.Facilitator, 409 },
        { "Orgs.Surveys.ExportModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/export/responses.csv", OrgRole.Owner, 403 },
        { "Orgs.Surveys.Results.IndexModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results", OrgRole.Viewer, 200 },
        { "Orgs.Surveys.Change.IndexModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/change", OrgRole.Viewer, 200 },
        { "Orgs.Surveys.Change.InterventionModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/change/interventions?item=shared-protocols", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.Change.InterventionModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/change/interventions?Input.Item=custom&Input.Name=Huddle&Input.Kind=Structural", OrgRole.Facilitator, 302 },
        { "Orgs.Surveys.Change.InterventionModel", "OnPostRemoveAsync", "POST", "/orgs/{org}/surveys/{survey}/change/interventions/00000000-0000-0000-0000-000000000001?handler=Remove", OrgRole.Facilitator, 404 },
        // A boundary needs two roles; the facilitator's fresh survey has one, so it answers 404 on its merits.
        { "Orgs.Surveys.Change.StructuresModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/change/structures?a=Nurses&b=Nurses", OrgRole.Facilitator, 404 },
        { "Orgs.Surveys.Change.StructuresModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/change/structures?a=Nurses&b=Nurses", OrgRole.Facilitator, 404 },
        { "Orgs.Surveys.Change.OutcomesModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/change/outcomes", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.Change.OutcomesModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/change/outcomes?Input.Heading=QualityAndSafety&Input.Name=Readmissions&Input.Value=4", OrgRole.Facilitator, 302 },
        { "Orgs.Surveys.Change.OutcomesModel", "OnPostRemoveAsync", "POST", "/orgs/{org}/surveys/{survey}/change/outcomes?handler=Remove&outcomeId=00000000-0000-0000-0000-000000000001", OrgRole.Facilitator, 404 },
        { "Orgs.Surveys.Results.HeatmapModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/heatmap", OrgRole.Viewer, 302 },
        { "Orgs.Surveys.Results.RoleModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/roles/{role}", OrgRole.Viewer, 302 },
        { "Orgs.Surveys.Results.CompareModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/compare", OrgRole.Viewer, 200 },
        { "Orgs.Surveys.Results.SeriesModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/series", OrgRole.Viewer, 200 },
        { "Orgs.Surveys.Results.NetworkModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/network", OrgRole.Viewer, 302 },
        { "Orgs.Surveys.Results.NetworkModel", "OnGetSvgAsync", "GET", "/orgs/{org}/surveys/{survey}/results/network?handler=Svg", OrgRole.Viewer, 302 },
        { "Orgs.Surveys.Results.StartModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/start", OrgRole.Viewer, 302 },
        { "Orgs.Surveys.Results.ConversationModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/conversation?a={role}&b={role2}", OrgRole.Viewer, 404 },
        { "Orgs.Surveys.Results.ExportModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/export/results.zip", OrgRole.Viewer, 302 },
        { "Orgs.Tokens.IndexModel", "OnGetAsync", "GET", "/orgs/{org}/tokens", OrgRole.Facilitator, 200 },
        { "Orgs.Tokens.IndexModel", "OnPostCreateAsync", "POST", "/orgs/{org}/tokens?handler=Create&name=Matrix", OrgRole.Facilitator, 200 },
        { "Orgs.Tokens.IndexModel", "OnPostRevokeAsync", "POST", "/orgs/{org}/tokens?handler=Revoke&tokenId={viewerId}", OrgRole.Facilitator, 404 },
        { "Orgs.Surveys.Results.LinksModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/links", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.Results.LinksModel", "OnPostCreateAsync", "POST", "/orgs/{org}/surveys/{survey}/results/links?handler=Create&days=30", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.Results.LinksModel", "OnPostRevokeAsync", "POST", "/orgs/{org}/surveys/{survey}/results/links?handler=Revoke&linkId={viewerId}", OrgRole.Facilitator, 404 },
        { "Orgs.Surveys.Results.ReportModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/report", OrgRole.Viewer, 302 },
        { "Orgs.Surveys.Results.TieModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/results/tie?from={role}&to={role}", OrgRole.Viewer, 302 },
        { "Orgs.Surveys.Sessions.IndexModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/sessions", OrgRole.Viewer, 200 },
        { "Orgs.Surveys.Sessions.NewModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/sessions/new", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.Sessions.NewModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/sessions/new?Input.Name=Room", OrgRole.Facilitator, 409 },
        { "Orgs.Surveys.Sessions.StepModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/sessions/{session}/step/1", OrgRole.Viewer, 200 },
        { "Orgs.Surveys.Sessions.StepModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/sessions/{session}/step/2?Input.Bands[x]=", OrgRole.Facilitator, 400 },
        { "Orgs.Surveys.Sessions.PrintModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/sessions/{session}/print", OrgRole.Viewer, 302 },
        { "Orgs.Surveys.ShareModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/share", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.ShareModel", "OnGetQrAsync", "GET", "/orgs/{org}/surveys/{survey}/share?handler=Qr&format=png", OrgRole.Facilitator, 404 },
        { "Orgs.Surveys.ShareModel", "OnPostCodesAsync", "POST", "/orgs/{org}/surveys/{survey}/share?handler=Codes&count=3", OrgRole.Facilitator, 400 },
        { "Orgs.Surveys.ShareModel", "OnPostCodesCsvAsync", "POST", "/orgs/{org}/surveys/{survey}/share?handler=CodesCsv&codes=ABCDEFGHJK", OrgRole.Facilitator, 400 },
        { "Orgs.Surveys.PosterModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/poster", OrgRole.Facilitator, 404 },
        { "Orgs.Surveys.SlipsModel", "OnGet", "GET", "/orgs/{org}/surveys/{survey}/slips", OrgRole.Facilitator, 302 },
        { "Orgs.Surveys.SlipsModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/slips?codes=ABCDEFGHJK", OrgRole.Facilitator, 400 },
        { "Orgs.Surveys.DeleteModel", "OnGetAsync", "GET", "/orgs/{org}/surveys/{survey}/delete", OrgRole.Facilitator, 200 },
        { "Orgs.Surveys.DeleteModel", "OnPostAsync", "POST", "/orgs/{org}/surveys/{survey}/delete", OrgRole.Facilitator, 400 },
        { "Orgs.Audit.IndexModel", "OnGetAsync", "GET", "/orgs/{org}/audit", OrgRole.Owner, 403 },
        { "Orgs.Settings.IndexModel", "OnGetAsync", "GET", "/orgs/{org}/settings", OrgRole.Owner, 403 },
        { "Orgs.Settings.IndexModel", "OnPostRetentionAsync", "POST", "/orgs/{org}/settings?handler=Retention&months=12", OrgRole.Owner, 403 },
        { "Orgs.Settings.IndexModel", "OnGetExportAsync", "GET", "/orgs/{org}/settings?handler=Export", OrgRole.Owner, 403 },
        { "Orgs.Settings.IndexModel", "OnPostDeleteAsync", "POST", "/orgs/{org}/settings?handler=Delete&confirmName=Medical%20wards", OrgRole.Owner, 403 },
        { "Orgs.Settings.WordingModel", "OnGetAsync", "GET", "/orgs/{org}/settings/wording/en", OrgRole.Owner, 403 },
        { "Orgs.Settings.WordingModel", "OnPostAsync", "POST", "/orgs/{org}/settings/wording/en?Items[2].Wording=Matrix%20{work%20process}", OrgRole.Owner, 403 },
    };

    /// <summary>Handlers outside any organisation: who may call them.</summary>
    private static readonly Dictionary<string, string> OpenHandlers = new()
    {
        ["IndexModel.OnGetAsync"] = "anyone (start page)",
        ["ErrorModel.OnGet"] = "anyone",
        ["ErrorModel.OnPost"] = "anyone",
        ["StatusModel.OnGet"] = "anyone",
        ["StatusModel.OnPost"] = "anyone",
        ["SetupModel.OnGetAsync"] = "anyone, only while there is no user",
        ["SetupModel.OnPostAsync"] = "anyone, only while there is no user",
        ["Account.SignUpModel.OnGet"] = "anyone",
        ["Account.SignUpModel.OnPostAsync"] = "anyone",
        ["Account.SignInModel.OnGet"] = "anyone",
        ["Account.SignInModel.OnPostAsync"] = "anyone",
        ["Account.SignOutModel.OnGet"] = "anyone",
        ["Account.SignOutModel.OnPostAsync"] = "anyone",
        ["Account.Manage.PasswordModel.OnGet"] = "signed in (tested in AccountTests)",
        ["Account.Manage.PasswordModel.OnPostAsync"] = "signed in (tested in AccountTests)",
        ["Orgs.IndexModel.OnGetAsync"] = "signed in; lists only the user's own organisations",
        ["Orgs.IndexModel.OnPostAsync"] = "signed in; creates an organisation owned by the user",
        ["Invitations.AcceptModel.OnGetAsync"] = "signed in with the link's token (tested in MembershipTests)",
        ["Invitations.AcceptModel.OnPostAsync"] = "signed in with the link's token (tested in MembershipTests)",
        ["Respond.WelcomeModel.OnGetAsync"] = "anyone with the survey's link (tested in RespondentFlowTests)",
        ["Respond.WelcomeModel.OnPostAsync"] = "anyone with the survey's link, while it is open",
        ["Respond.WelcomeModel.OnPostNewAsync"] = "anyone; forgets only this browser's own draft",
        ["Respond.QuestionModel.OnGetAsync"] = "the holder of a draft's resume code, while the survey is open",
        ["Respond.QuestionModel.OnPostAsync"] = "the holder of a draft's resume code, while the survey is open",
        ["Respond.ReviewModel.OnGetAsync"] = "the holder of a draft's resume code, while the survey is open",
        ["Respond.ReviewModel.OnPostAsync"] = "the holder of a draft's resume code, while the survey is open",
        ["Respond.ThanksModel.OnGetAsync"] = "anyone with the survey's link",
        ["Respond.ResumeModel.OnGetAsync"] = "anyone with the survey's link",
        ["Respond.ResumeModel.OnPostAsync"] = "anyone with the survey's link and a resume code",
        ["Respond.CodeModel.OnGetAsync"] = "anyone; names the survey of a known code",
        ["SharedResults.IndexModel.OnGetAsync"] = "anyone with an unexpired, unrevoked results link (tested in SharedResultsTests)",
        ["Respond.CodeModel.OnPostAsync"] = "anyone with an unused invitation code (tested in InvitationCodeTests)",
    };

    [Fact]
    public void Every_page_handler_of_the_app_is_in_this_matrix()
    {
        var all = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("On", StringComparison.Ordinal) && !m.IsSpecialName && m.Name != "OnPageHandlerExecuting")
                .Select(m => $"{t.FullName!["RelationalCoordination.Web.Pages.".Length..]}.{m.Name}"))
            .ToHashSet();
        var covered = Handlers.Select(row => $"{row[0]}.{row[1]}").Concat(OpenHandlers.Keys).ToHashSet();

        Assert.Empty(all.Except(covered));
        Assert.Empty(covered.Except(all));
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string page, string handler, string method, string url, OrgRole least, int facilitatorGets)
    {
        _ = (page, handler, least, facilitatorGets);
        var before = await FingerprintAsync();

        var response = await SendAsync(scenario.Anonymous, method, url);

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.StartsWith("http://localhost/account/signin?ReturnUrl=", response.Location, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task A_user_of_another_organisation_gets_not_found(string page, string handler, string method, string url, OrgRole least, int facilitatorGets)
    {
        _ = (page, handler, least, facilitatorGets);
        var before = await FingerprintAsync();

        var response = await SendAsync(scenario.Outsider, method, url);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.DoesNotContain("Medical wards", response.Html, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task A_viewer_reads_but_cannot_change_anything(string page, string handler, string method, string url, OrgRole least, int facilitatorGets)
    {
        _ = (page, handler, facilitatorGets);
        var before = await FingerprintAsync();

        var response = await SendAsync(scenario.Viewer, method, url);

        if (least == OrgRole.Viewer)
        {
            // The shared survey is a draft: its results pages send a reader to the overview, which
            // says that results appear when the survey closes.
            Assert.Equal(ResultsPage(url) ? HttpStatusCode.Redirect : HttpStatusCode.OK, response.Status);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task A_facilitator_reaches_everything_but_the_owners_pages(string page, string handler, string method, string url, OrgRole least, int facilitatorGets)
    {
        _ = (page, handler);
        var before = await FingerprintAsync();

        // An owners' page must change nothing: it runs on the shared survey, not a fresh one.
        var response = await SendAsync(scenario.Facilitator, method, url, fresh: least != OrgRole.Owner);

        // Each handler answers on its merits: the page, a redirect after a change, 409 for closing a
        // draft — or 403 on the owners' pages, which then change nothing.
        Assert.Equal(facilitatorGets, (int)response.Status);
        if (least == OrgRole.Owner)
        {
            Assert.Equal(before, await FingerprintAsync());
        }
    }

    [Fact]
    public async Task A_survey_id_of_another_organisation_is_not_found_even_under_ones_own_organisation()
    {
        var foreign = await scenario.Outsider.PostAsync($"/orgs/{scenario.OtherOrgId}/surveys/create",
            ("Input.Title", "Secret"), ("Input.WorkProcess", "W"), ("Input.MinGroupSize", "5"));
        var foreignId = foreign.Location!.Split('/')[^2];

        var read = await scenario.Owner.GetAsync($"/orgs/{scenario.OrgId}/surveys/{foreignId}");
        var changed = await scenario.Owner.PostFromAsync($"/orgs/{scenario.OrgId}", $"/orgs/{scenario.OrgId}/surveys/{foreignId}/open");

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal(HttpStatusCode.NotFound, changed.Status);
        Assert.DoesNotContain("Secret", read.Html, StringComparison.Ordinal);
    }

    // Results pages of a survey without results send a viewer to the overview; links, compare and the
    // series answer themselves (the series shows the other waves' published figures). So does a
    // feedback session's printable report; its first steps show no result and answer themselves.
    private static bool ResultsPage(string url) =>
        (url.Contains("/results/", StringComparison.Ordinal) && !url.Contains("/results/links", StringComparison.Ordinal)
            && !url.Contains("/results/compare", StringComparison.Ordinal) && !url.Contains("/results/series", StringComparison.Ordinal))
        || url.EndsWith("/print", StringComparison.Ordinal);

    /// <summary>
    /// The shared survey's state, once it has a feedback session for the {session} rows: made before
    /// the first fingerprint, so that making it is not taken for a change by the handler under test.
    /// </summary>
    private async Task<string> FingerprintAsync()
    {
        await SessionOfAsync(scenario.SurveyId);
        return await scenario.FingerprintAsync();
    }

    /// <summary>The survey's feedback session, made in the database when it has none (a draft cannot make one through the pages).</summary>
    private Task<Guid> SessionOfAsync(Guid surveyId) => app.QueryAsync(async db =>
    {
        if (await db.FeedbackSessions.Where(s => s.SurveyId == surveyId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync() is { } id)
        {
            return id;
        }

        var session = new FeedbackSession { Id = Guid.NewGuid(), SurveyId = surveyId, Name = "Matrix", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.FeedbackSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    });

    private async Task<AppClient.Page> SendAsync(AppClient client, string method, string template, bool fresh = true)
    {
        // The facilitator's rows change the shared survey (open, duplicate, edit): each row uses a fresh draft.
        var surveyId = template.Contains("{survey}", StringComparison.Ordinal) && client == scenario.Facilitator && fresh
            ? await scenario.CreateSurveyAsync(scenario.Facilitator, "Matrix", ("Nurses", true, true))
            : scenario.SurveyId;
        var viewerId = await app.QueryAsync(db => db.Memberships.Where(m => m.OrganisationId == scenario.OrgId && m.Role == OrgRole.Viewer).Select(m => m.UserId).SingleAsync());
        var version = await scenario.VersionAsync(surveyId);
        var roles = await app.QueryAsync(db => db.SurveyRoles.Where(r => r.SurveyId == surveyId).OrderBy(r => r.Position).Select(r => r.Id).ToListAsync());
        var url = template.Replace("{org}", scenario.OrgId.ToString(), StringComparison.Ordinal)
            .Replace("{survey}", surveyId.ToString(), StringComparison.Ordinal)
            .Replace("{version}", version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{viewerId}", viewerId.ToString(), StringComparison.Ordinal)
            .Replace("{role}", roles[0].ToString(), StringComparison.Ordinal)
            .Replace("{role2}", roles[^1].ToString(), StringComparison.Ordinal);
        if (url.Contains("{session}", StringComparison.Ordinal))
        {
            url = url.Replace("{session}", (await SessionOfAsync(surveyId)).ToString(), StringComparison.Ordinal);
        }

        return method == "GET" ? await client.GetAsync(url) : await client.PostFromAsync("/account/signout", url);
    }
}
