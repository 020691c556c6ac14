namespace RelationalCoordination.Web.Data;

/// <summary>
/// A survey's texts in another language than the one it was written in: what a respondent who
/// chose that language reads instead — title, work process (it fills the questions), introduction
/// and role names. Stored with the survey as JSON: it is read with it, never on its own.
/// </summary>
public sealed class SurveyTranslation
{
    /// <summary>The instrument language's code: <c>en</c> or <c>da</c>.</summary>
    public required string Language { get; set; }

    public required string Title { get; set; }

    public required string WorkProcess { get; set; }

    public string? Introduction { get; set; }

    public List<RoleTranslation> Roles { get; set; } = [];
}

/// <summary>One role's name (and description) in a translation; a role without one keeps its own.</summary>
public sealed class RoleTranslation
{
    public Guid RoleId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }
}
