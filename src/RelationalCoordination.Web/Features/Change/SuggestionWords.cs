using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Change;

/// <summary>The words for a suggestion's finding and an intervention's kind: English templates that pages translate.</summary>
public static class SuggestionWords
{
    /// <summary>
    /// The finding as a template and its values (role names, numbers, the dimension's name through
    /// <paramref name="translate"/>): the one wording of each finding, for "where to start" and the
    /// feedback session's next steps alike.
    /// </summary>
    public static (string Template, object[] Values) Finding(Suggestion suggestion, Func<string, string> translate)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        ArgumentNullException.ThrowIfNull(translate);
        var value = Format.Number(suggestion.Value);
        var dimension = suggestion.Dimension is { } d ? translate(d.DisplayName()) : "";
        return suggestion.Rule switch
        {
            PatternRule.SafetyFirst => ("Before any figure, make it safe to talk about how the roles work together.", []),
            PatternRule.LowOverall => ("The ties between roles average {0}, below 3.5: where coordination is weak, reviewing scores easily turns into blame. Take extra care over safety.", [value]),
            PatternRule.WeakDimension when suggestion.Value is < Domain.Scoring.TieBands.WeakBelow => ("<strong>{0}</strong> is weak: a mean of {1} over the ties between roles.", [dimension, value]),
            PatternRule.WeakDimension => ("<strong>{0}</strong> is the weakest dimension, though not weak: a mean of {1} over the ties between roles.", [dimension, value]),
            PatternRule.LowTimelinessOrAccuracy => ("<strong>{0}</strong> averages {1}: the hand-offs themselves need work.", [dimension, value]),
            PatternRule.AsymmetricPair => ("<strong>{0}</strong> and <strong>{1}</strong> see their tie differently: a gap of {2}.", [suggestion.FromRole!, suggestion.ToRole!, value]),
            PatternRule.WeakTie => ("How <strong>{0}</strong> experience <strong>{1}</strong> is weak: {2}.", [suggestion.FromRole!, suggestion.ToRole!, value]),
            PatternRule.SpannerRatedWeak => ("<strong>{0}</strong>, designated to span boundaries, is experienced as weak by some of the roles it links ({1} on average).", [suggestion.FromRole!, value]),
            PatternRule.NoDesignatedSpanner => ("No role is designated to span boundaries, yet <strong>{0}</strong> works well with both <strong>{1}</strong> and <strong>{2}</strong>, whose tie is weak.", [suggestion.Bridge!, suggestion.FromRole!, suggestion.ToRole!]),
            PatternRule.RoleRatedLowByAll => ("Every role that rates <strong>{0}</strong> experiences it as weak ({1} on average).", [suggestion.FromRole!, value]),
            _ => (suggestion.Rule.ToString(), []),
        };
    }

    public static string Kind(InterventionKind kind) => kind switch
    {
        InterventionKind.Relational => "Relational",
        InterventionKind.WorkProcess => "Work process",
        _ => "Structural",
    };

    public static string Status(Data.InterventionStatus status) => status switch
    {
        Data.InterventionStatus.Planned => "Planned",
        Data.InterventionStatus.Underway => "Underway",
        Data.InterventionStatus.Done => "Done",
        _ => "Stopped",
    };

    public static string Heading(Data.OutcomeHeading heading) => heading switch
    {
        Data.OutcomeHeading.QualityAndSafety => "Quality and safety",
        Data.OutcomeHeading.EfficiencyAndFinance => "Efficiency and finance",
        Data.OutcomeHeading.ClientEngagement => "Client engagement",
        Data.OutcomeHeading.WorkerWellBeing => "Worker well-being",
        _ => "Learning and innovation",
    };

    public static string Presence(Data.StructurePresence presence) => presence switch
    {
        Data.StructurePresence.Present => "present",
        Data.StructurePresence.Weak => "weak",
        _ => "absent",
    };
}
