using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Web.Data;

/// <summary>
/// A feedback session held with the roles of a survey's work process: the room's predictions of
/// its ties, made on a blank map before the results are shown. Stores no names: a prediction
/// belongs to a rating role, not to a person.
/// </summary>
public sealed class FeedbackSession
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public required string Name { get; set; }

    public DateOnly? HeldOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<TiePrediction> Predictions { get; set; } = [];
}

/// <summary>How a role in the room expects a tie to be: weak, moderate or strong.</summary>
public sealed class TiePrediction
{
    public required string FromRole { get; set; }

    public required string ToRole { get; set; }

    public Domain.Scoring.TieBand Band { get; set; }
}

/// <summary>How present one structure is at a boundary, in the change team's judgement.</summary>
public enum StructurePresence
{
    Absent = 0,
    Weak = 1,
    Present = 2,
}

/// <summary>
/// The change team's assessment of the ten structures at one weak boundary between two roles
/// (Gittell 2016, ch. 5 and 13): which exist, which are weak or absent, with a note on each.
/// </summary>
public sealed class StructuralAssessment
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public required string RoleA { get; set; }

    public required string RoleB { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<StructureRating> Ratings { get; set; } = [];
}

/// <summary>One structure's rating in an assessment; the key is a structural item of the catalogue.</summary>
public sealed class StructureRating
{
    public required string Structure { get; set; }

    public StructurePresence Presence { get; set; }

    public string? Note { get; set; }
}

public enum InterventionStatus
{
    Planned = 0,
    Underway = 1,
    Done = 2,
    Stopped = 3,
}

/// <summary>
/// One intervention of a change team's plan, made from a survey's results (the wave it starts
/// from): which kind, which catalogue item (or its own name), which ties and dimensions it
/// targets, who owns it, when, and what each test cycle found. The next wave's comparison tells
/// its targeted ties from the others.
/// </summary>
public sealed class Intervention
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public InterventionKind Kind { get; set; }

    /// <summary>The catalogue item (<see cref="InterventionCatalogue"/>), or null for the team's own intervention.</summary>
    public string? CatalogueKey { get; set; }

    public required string Name { get; set; }

    public string? Owner { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public InterventionStatus Status { get; set; }

    public List<TargetTie> Targets { get; set; } = [];

    public List<Dimension> Dimensions { get; set; } = [];

    public List<TestCycle> Cycles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two members editing one intervention cannot overwrite each other.</summary>
    public uint Version { get; set; }
}

/// <summary>A tie an intervention targets, by role names (waves match roles by name).</summary>
public sealed class TargetTie
{
    public required string FromRole { get; set; }

    public required string ToRole { get; set; }
}

/// <summary>One test cycle of an intervention: the work-process steps, written down.</summary>
public sealed class TestCycle
{
    public DateOnly? On { get; set; }

    public string? CurrentState { get; set; }

    public string? DesiredState { get; set; }

    public string? Experiment { get; set; }

    public string? Learned { get; set; }
}

/// <summary>The model's five headings of performance outcomes.</summary>
public enum OutcomeHeading
{
    QualityAndSafety = 0,
    EfficiencyAndFinance = 1,
    ClientEngagement = 2,
    WorkerWellBeing = 3,
    LearningAndInnovation = 4,
}

/// <summary>
/// A performance outcome the change team records for a wave (length of stay, readmissions, staff
/// turnover…): shown beside relational coordination over the survey series. Matched across waves by name.
/// </summary>
public sealed class OutcomeMeasure
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public OutcomeHeading Heading { get; set; }

    public required string Name { get; set; }

    public decimal Value { get; set; }

    public string? Unit { get; set; }

    /// <summary>True when a lower value is better (readmissions, sick leave), so the series reads the change right.</summary>
    public bool LowerIsBetter { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
