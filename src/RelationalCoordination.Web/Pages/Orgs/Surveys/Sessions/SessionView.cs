using System.Globalization;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Sessions;

/// <summary>What the partial views of the steps share, on a step's page and in the printable report.</summary>
public sealed class SessionView
{
    /// <summary>Humble inquiry: questions the facilitator and the leaders ask, rather than conclusions they state.</summary>
    public static readonly string[] InquiryQuestions =
    [
        "What do you see from where you stand?",
        "What surprised you here, and why?",
        "When has this worked well between us, and what was different then?",
        "What would help me understand how your role sees this?",
        "What are we not seeing yet?",
    ];

    public required Survey Survey { get; init; }

    public required FeedbackSession Session { get; init; }

    public required IReadOnlyList<MapTie> Map { get; init; }

    /// <summary>What the steps after the predictions show; null on the steps before (they show no result).</summary>
    public SessionSteps? Steps { get; init; }

    /// <summary>The prediction form's values by field key (as saved, or as posted when refused).</summary>
    public IReadOnlyDictionary<string, string?> Bands { get; init; } = new Dictionary<string, string?>();

    /// <summary>A facilitator records predictions; a viewer sees them.</summary>
    public bool CanEdit { get; init; }

    /// <summary>The predictions were just saved.</summary>
    public bool Saved { get; init; }

    /// <summary>The printable report: every step on one page, nothing to fill in.</summary>
    public bool Printing { get; init; }

    /// <summary>The reported roles' ids by name, for the conversation guide's links.</summary>
    public IReadOnlyDictionary<string, Guid> RoleIds => Survey.ReportedRoles.ToDictionary(r => r.Name, r => r.Id, StringComparer.Ordinal);

    /// <summary>The kind of an intervention, in English (the pages translate it).</summary>
    public static string KindOf(InterventionKind kind) => kind switch
    {
        InterventionKind.Relational => "relational intervention",
        InterventionKind.WorkProcess => "work process intervention",
        _ => "structural intervention",
    };

    /// <summary>A name as a list item or a term starts, whatever case its translation happens to be written in.</summary>
    public static string Capitalised(string text) => string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A day as the pages write dates.</summary>
    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
