using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Web.Data;

public enum SurveyStatus
{
    Draft = 0,
    Open = 1,
    Closed = 2,
}

public sealed class Survey
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public required string Title { get; set; }

    /// <summary>Fills the items' {work process} placeholder.</summary>
    public required string WorkProcess { get; set; }

    public string? Introduction { get; set; }

    public FrequencyVariant FrequencyVariant { get; set; }

    public int MinGroupSize { get; set; } = 5;

    public DateTimeOffset? OpensAt { get; set; }

    public DateTimeOffset? ClosesAt { get; set; }

    public SurveyStatus Status { get; set; }

    /// <summary>The earlier wave of the same work process this survey repeats, if any.</summary>
    public Guid? PreviousWaveId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two facilitators editing at once cannot overwrite each other.</summary>
    public uint Version { get; set; }

    /// <summary>The short key of the survey's public link (<c>/s/{key}</c>), given when it is first opened.</summary>
    public string? PublicKey { get; set; }

    /// <summary>When the retention period deleted the raw answers; the stored results are then all that is left.</summary>
    public DateOnly? RawAnswersDeletedOn { get; set; }

    public List<SurveyRole> Roles { get; set; } = [];

    /// <summary>The survey's texts in other languages, for respondents who choose one (decision 18).</summary>
    public List<SurveyTranslation> Translations { get; set; } = [];

    /// <summary>Small answering roles reported together; fixed when the survey closes (decision 0020).</summary>
    public List<ReportingGroup> ReportingGroups { get; set; } = [];

    /// <summary>
    /// The organisation's own item wording as it was when the survey opened (none: the app's
    /// wording); fixed from then on, so no respondent sees the questions change midway (decision 23).
    /// </summary>
    public List<ItemWording> ItemWordings { get; set; } = [];

    public Survey? PreviousWave { get; set; }

    /// <summary>
    /// The roles as results report them: every role, a grouped role no longer answering on its own,
    /// and each reporting group as a role that answers and is not rated, after its last member.
    /// Copies, never saved; the same roles as <see cref="Roles"/> when nothing is grouped. Worked
    /// out at each use, never kept: a tracked survey's roles or groups may change meanwhile.
    /// </summary>
    public IReadOnlyList<SurveyRole> ReportedRoles => ReportingGroups.Count == 0 ? [.. Roles.OrderBy(r => r.Position)] : Reported();

    /// <summary>The name each answering role's respondents are reported under: their group's, or the role's own.</summary>
    public Dictionary<Guid, string> ReportedAs()
    {
        var names = Roles.ToDictionary(r => r.Id, r => r.Name);
        foreach (var group in ReportingGroups)
        {
            foreach (var member in group.Members)
            {
                names[member.RoleId] = group.Name;
            }
        }

        return names;
    }

    /// <summary>Roles and instrument are fixed once answers may depend on them.</summary>
    public bool IsLocked => Status != SurveyStatus.Draft;

    /// <summary>
    /// Closed by hand, or an open survey past its closing time (housekeeping marks it closed a few
    /// minutes later): it takes no more answers, and its results can be published — once.
    /// </summary>
    public bool IsClosedAt(DateTimeOffset now) =>
        Status == SurveyStatus.Closed || (Status == SurveyStatus.Open && ClosesAt is { } closes && closes <= now);

    private List<SurveyRole> Reported()
    {
        var grouped = ReportingGroups.SelectMany(g => g.Members.Select(m => (m.RoleId, Group: g))).ToDictionary(x => x.RoleId, x => x.Group);
        var roles = new List<SurveyRole>();
        var ordered = Roles.OrderBy(r => r.Position).ToList();
        foreach (var role in ordered)
        {
            roles.Add(new SurveyRole
            {
                Id = role.Id,
                SurveyId = Id,
                Name = role.Name,
                Description = role.Description,
                ExpectedHeadcount = role.ExpectedHeadcount,
                Answers = role.Answers && !grouped.ContainsKey(role.Id),
                IsRated = role.IsRated,
                IsBoundarySpanner = role.IsBoundarySpanner,
                Kind = role.Kind,
                Position = roles.Count,
            });
            if (grouped.TryGetValue(role.Id, out var group) && ordered.Last(r => group.Members.Any(m => m.RoleId == r.Id)) == role)
            {
                roles.Add(new SurveyRole { Id = group.Id, SurveyId = Id, Name = group.Name, Answers = true, IsRated = false, Kind = KindOf(group, ordered), Position = roles.Count });
            }
        }

        return roles;
    }

    /// <summary>
    /// A reporting group answers as its members' kind when they share one. Members of different
    /// kinds answer as staff: their answers are no longer only leaders' or clients', and the
    /// leader and client views must not present them as such.
    /// </summary>
    private static RoleKind KindOf(ReportingGroup group, List<SurveyRole> roles)
    {
        var kinds = roles.Where(r => group.Members.Any(m => m.RoleId == r.Id)).Select(r => r.Kind).Distinct().ToList();
        return kinds.Count == 1 ? kinds[0] : RoleKind.Staff;
    }
}

public sealed class SurveyRole
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public int? ExpectedHeadcount { get; set; }

    /// <summary>People in this role answer the survey.</summary>
    public bool Answers { get; set; } = true;

    /// <summary>Respondents rate this role.</summary>
    public bool IsRated { get; set; } = true;

    /// <summary>
    /// The work process designates this role to span the boundaries between others (a case manager,
    /// a discharge coordinator): "where to start" checks that the others experience it as doing so.
    /// </summary>
    public bool IsBoundarySpanner { get; set; }

    /// <summary>
    /// Staff (the default), a client role (patients, citizens: they answer in the client wording)
    /// or a leader role; the results look at ties with leaders and clients on their own.
    /// </summary>
    public RoleKind Kind { get; set; } = RoleKind.Staff;

    public int Position { get; set; }
}
