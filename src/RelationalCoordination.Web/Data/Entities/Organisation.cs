using Microsoft.AspNetCore.Identity;

namespace RelationalCoordination.Web.Data;

public sealed class AppUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Organisation
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Months after a survey closes when its raw answers are deleted (its stored results stay);
    /// null keeps them until someone deletes the survey.
    /// </summary>
    public int? RetentionMonths { get; set; }

    /// <summary>The organisation's own wording of the items, by language (none: the app's own wording everywhere).</summary>
    public List<ItemWording> ItemWordings { get; set; } = [];

    public List<Membership> Members { get; set; } = [];
}

/// <summary>What a member may do in an organisation; each role includes the ones below it.</summary>
public enum OrgRole
{
    Viewer = 0,
    Facilitator = 1,
    Owner = 2,
}

public sealed class Membership
{
    public Guid OrganisationId { get; set; }

    public Guid UserId { get; set; }

    public OrgRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Organisation? Organisation { get; set; }

    public AppUser? User { get; set; }
}

/// <summary>A single-use, expiring link that makes its holder a member. Only a hash of the token is stored.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string TokenHash { get; set; }

    public OrgRole Role { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public Guid? UsedByUserId { get; set; }

    public Organisation? Organisation { get; set; }
}

/// <summary>
/// Who did what in an organisation, and when: setting up, opening, closing, importing, exporting,
/// sharing and deleting surveys, and changing members and API tokens. Never an answer.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public Guid OrganisationId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The member's e-mail, "API token “name”", or "the app" for housekeeping.</summary>
    public required string Actor { get; set; }

    /// <summary>A stable key such as <c>survey.opened</c> (see <c>AuditActions</c>).</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, in words: a survey's title, a member's e-mail, a file's name.</summary>
    public required string Subject { get; set; }
}
