namespace RelationalCoordination.Domain.Instrument;

/// <summary>
/// What kind of role a survey role is. Relational coordination is measured among the workers of a
/// work process; Gittell's book extends the same seven dimensions to the clients they serve
/// (relational coproduction) and to their leaders (relational leadership), so a survey can include
/// both and look at those ties on their own.
/// </summary>
public enum RoleKind
{
    /// <summary>Workers of the work process: the frontline roles (the default).</summary>
    Staff = 0,
    /// <summary>The people the work is for: patients, clients, citizens. They answer in plain, coproduction wording.</summary>
    Client = 1,
    /// <summary>Those who lead the work: unit managers, chiefs, directors.</summary>
    Leader = 2,
}

/// <summary>Who reads an item: workers (staff and leaders) or the clients the work is for.</summary>
public enum ItemAudience
{
    /// <summary>The standard wording, for the people who do or lead the work.</summary>
    Staff = 0,
    /// <summary>Plain wording for clients, about how the roles work with them.</summary>
    Client = 1,
}

/// <summary>The names of <see cref="RoleKind"/> in files and the API, and the wording each reads.</summary>
public static class RoleKinds
{
    /// <summary>Every kind, in the order a form lists them.</summary>
    public static IReadOnlyList<RoleKind> All { get; } = [RoleKind.Staff, RoleKind.Client, RoleKind.Leader];

    /// <summary>The lower-case name used by the API and exports: <c>staff</c>, <c>client</c> or <c>leader</c>.</summary>
    public static string Key(this RoleKind kind) => kind switch
    {
        RoleKind.Client => "client",
        RoleKind.Leader => "leader",
        _ => "staff",
    };

    /// <summary>The kind of a lower-case name (exactly as <see cref="Key"/> writes it), or null for anything else.</summary>
    public static RoleKind? Parse(string? key) => key switch
    {
        "staff" => RoleKind.Staff,
        "client" => RoleKind.Client,
        "leader" => RoleKind.Leader,
        _ => null,
    };

    /// <summary>Clients read the client wording; staff and leaders the standard one (leaders work in the process too).</summary>
    public static ItemAudience Audience(this RoleKind kind) => kind == RoleKind.Client ? ItemAudience.Client : ItemAudience.Staff;
}
