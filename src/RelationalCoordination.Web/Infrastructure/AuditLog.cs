using System.Security.Claims;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>The actions the audit log records; owners see them on the organisation's audit page.</summary>
public static class AuditActions
{
    public const string SurveyCreated = "survey.created";
    public const string SurveyChanged = "survey.changed";
    public const string SurveyOpened = "survey.opened";
    public const string SurveyClosed = "survey.closed";
    public const string SurveyDeleted = "survey.deleted";
    public const string ResponsesImported = "responses.imported";
    public const string ResponsesExported = "responses.exported";
    public const string ResultsExported = "results.exported";
    public const string ResultsLinkCreated = "results.link_created";
    public const string ResultsLinkRevoked = "results.link_revoked";
    public const string InvitationCodesCreated = "invitation_codes.created";
    public const string InvitationCodesExported = "invitation_codes.exported";
    public const string RawAnswersDeleted = "answers.deleted_after_retention";
    public const string MemberInvited = "member.invited";
    public const string MemberJoined = "member.joined";
    public const string MemberRoleChanged = "member.role_changed";
    public const string MemberRemoved = "member.removed";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string OrganisationCreated = "organisation.created";
    public const string OrganisationExported = "organisation.exported";
    public const string RetentionChanged = "organisation.retention_changed";
    public const string ItemWordingChanged = "organisation.item_wording_changed";

    /// <summary>Words for the audit page.</summary>
    public static string Describe(string action) => action switch
    {
        SurveyCreated => "created a survey",
        SurveyChanged => "changed a survey",
        SurveyOpened => "opened a survey",
        SurveyClosed => "closed a survey",
        SurveyDeleted => "deleted a survey and its responses",
        ResponsesImported => "imported responses",
        ResponsesExported => "exported raw responses",
        ResultsExported => "exported results",
        ResultsLinkCreated => "shared results with a link",
        ResultsLinkRevoked => "revoked a results link",
        InvitationCodesCreated => "made invitation codes",
        InvitationCodesExported => "exported invitation codes",
        RawAnswersDeleted => "deleted raw answers after the retention period",
        MemberInvited => "invited a member",
        MemberJoined => "joined",
        MemberRoleChanged => "changed a member's role",
        MemberRemoved => "removed a member",
        TokenCreated => "created an API token",
        TokenRevoked => "revoked an API token",
        OrganisationCreated => "created the organisation",
        OrganisationExported => "exported all of the organisation's data",
        RetentionChanged => "changed how long raw answers are kept",
        ItemWordingChanged => "changed the organisation's own item wording",
        _ => action,
    };
}

/// <summary>
/// Writes the audit log. <see cref="Add"/> puts the entry in the same unit of work as the change
/// it records, so both are stored or neither is. Subjects are titles, names and counts — never answers.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public const string App = "the app";

    public void Add(Guid organisationId, string action, string subject, string? actor = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OrganisationId = organisationId,
            At = clock.GetUtcNow(),
            Actor = Truncate(actor ?? Actor(http.HttpContext?.User), 300),
            Action = action,
            Subject = Truncate(subject, 500),
        });

    /// <summary>Records an action that changed nothing else (an export, say).</summary>
    public async Task RecordAsync(Guid organisationId, string action, string subject)
    {
        Add(organisationId, action, subject);
        await db.SaveChangesAsync();
    }

    /// <summary>A survey as the log names it.</summary>
    public static string Survey(Survey survey) => $"“{survey?.Title}”";

    private static string Actor(ClaimsPrincipal? user) =>
        user?.Identity is not { IsAuthenticated: true } identity ? App
        : identity.AuthenticationType == Api.ApiTokenAuthentication.SchemeName ? $"API token “{identity.Name}”"
        : identity.Name ?? App;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
