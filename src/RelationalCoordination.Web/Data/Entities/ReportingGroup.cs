namespace RelationalCoordination.Web.Data;

/// <summary>
/// Answering roles too small to report on their own, reported together under one name (for example
/// "Pharmacists and pharmacy technicians"): their respondents' answers count as the group's. Set
/// while the survey is open and fixed when it closes, so results are computed once, with one
/// grouping, and nothing can be differenced (decision 0020). Only the answering side is grouped:
/// the member roles are still rated one by one. Stored with the survey as JSON.
/// </summary>
public sealed class ReportingGroup
{
    /// <summary>Stands for the group where results pages name a role by id (a heatmap row, a tie, a role page).</summary>
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public List<ReportingGroupMember> Members { get; set; } = [];
}

/// <summary>One answering role of a <see cref="ReportingGroup"/>.</summary>
public sealed class ReportingGroupMember
{
    public Guid RoleId { get; set; }
}
