using System.Collections.Immutable;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Change;

/// <summary>The three kinds of intervention of the Relational Model of Change.</summary>
public enum InterventionKind
{
    /// <summary>Changes how people relate: safety, inquiry, mapping, conversations.</summary>
    Relational = 0,
    /// <summary>Changes the work itself: assess the current state, identify the desired state, experiment.</summary>
    WorkProcess = 1,
    /// <summary>Changes the structures that support or undermine relationships across boundaries.</summary>
    Structural = 2,
}

/// <summary>One intervention of the model's catalogue.</summary>
/// <param name="Key">A stable key, e.g. <c>conversations-of-difference</c>; stored in plans.</param>
/// <param name="Kind">Relational, work process or structural.</param>
/// <param name="Name">Its name in English (pages translate it).</param>
/// <param name="HowTo">One paragraph in the product's own words on how a change team goes about it.</param>
/// <param name="Builds">The dimensions it mainly strengthens (empty for psychological safety, which underlies all seven).</param>
public sealed record CatalogueItem(string Key, InterventionKind Kind, string Name, string HowTo, ImmutableArray<Dimension> Builds);

/// <summary>
/// The interventions of the Relational Model of Change (Gittell, <i>Transforming Relationships for
/// High Performance</i>, 2016, chapters 6 and 11–13): eight relational, the three work-process
/// steps and the ten structures.
/// </summary>
public static class InterventionCatalogue
{
    private static readonly Dimension[] Communication = [Dimension.Frequent, Dimension.Timely, Dimension.Accurate, Dimension.ProblemSolving];

    /// <summary>Every item, relational first, then work process, then structural, in the model's order.</summary>
    public static ImmutableArray<CatalogueItem> All { get; } =
    [
        new("relational-legacy", InterventionKind.Relational, "Relational legacy",
            "Before any figure is shown, ask each person to recall someone whose way of working with others shaped their own, and what that person did. Sharing these stories in pairs reminds the room that relationships are part of the work, not a distraction from it.",
            []),
        new("humble-inquiry", InterventionKind.Relational, "Humble inquiry",
            "Leaders and facilitators ask questions they do not know the answer to, and listen to the answer: \"What do you see from where you stand?\" Asking first, and showing one's own gaps, makes it safe for others to speak about what goes wrong.",
            []),
        new("pearls", InterventionKind.Relational, "PEARLS",
            "Answer what people say with partnership, empathy, acknowledgement, respect, legitimation and support. Used in the room when feedback stings, it keeps a hard conversation from turning into defence or blame.",
            []),
        new("identify-priorities", InterventionKind.Relational, "Identify priorities",
            "Each role names what matters most to it in the work process, then the roles look for the priorities they share — the patient's safe discharge, the client's time. Write the shared goal down where everyone sees it and return to it when roles disagree.",
            [Dimension.SharedGoals]),
        new("relational-mapping", InterventionKind.Relational, "Relational mapping",
            "Draw the roles of the work process and the ties between them as the people in the room see them, before the survey's map is shown. Seeing the whole together — and where the predictions and the results differ — is where understanding starts.",
            [Dimension.SharedKnowledge]),
        new("conversations-of-interdependence", InterventionKind.Relational, "Conversations of interdependence",
            "Two roles meet and take turns: What are your main responsibilities? What do you find most meaningful in your work? What in how I work helps you do yours? What could I do differently that would help you more? When are we aligned, and when at cross-purposes?",
            [Dimension.SharedKnowledge, Dimension.SharedGoals]),
        new("conversations-of-difference", InterventionKind.Relational, "Conversations of difference",
            "When two roles see their tie very differently, each describes how the work between them looks from its side, without arguing who is right. Naming the difference in status, training or pressure behind the gap lets them agree on what each needs from the other.",
            [Dimension.SharedKnowledge, Dimension.MutualRespect]),
        new("behavioural-standards", InterventionKind.Relational, "Behavioural standards",
            "The roles agree a few concrete behaviours they expect of each other — how to ask for help, how to hand over, how to disagree — and how to remind each other when a standard slips. Standards the roles write themselves are kept; imposed ones are not.",
            [Dimension.MutualRespect]),
        new("assess-current-state", InterventionKind.WorkProcess, "Assess the current state",
            "Walk the work process with every role that touches it and map what really happens at each hand-off: who needs what, when, from whom, and where it waits or is redone. Ask each role what the process looks like from where it stands.",
            [.. Communication]),
        new("identify-desired-state", InterventionKind.WorkProcess, "Identify the desired state",
            "Together, describe how the hand-offs should work for the patient or client and for each other: what information reaches whom and when. Agree a measure that will show whether the gap is closing.",
            [Dimension.SharedGoals, Dimension.Timely, Dimension.Accurate]),
        new("experiment", InterventionKind.WorkProcess, "Experiment to close the gap",
            "Try one small change at a time — plan, do, study, act — with the roles it affects taking part in its design. Review each cycle together, keep what works and drop what does not, before spreading it.",
            [Dimension.ProblemSolving, Dimension.Timely, Dimension.Accurate]),
        new("selection-for-teamwork", InterventionKind.Structural, "Selection for teamwork",
            "Hire for the ability to work with other roles as well as for technical skill: include colleagues from the roles a new person will depend on in interviews, and ask about times a candidate coordinated across a boundary.",
            [Dimension.MutualRespect, Dimension.SharedGoals]),
        new("training-for-teamwork", InterventionKind.Structural, "Training for teamwork",
            "Train roles together rather than apart: cross-role induction, shadowing a role one depends on, and joint simulations of the hand-offs where the work goes wrong.",
            [Dimension.SharedKnowledge, Dimension.MutualRespect]),
        new("relational-job-design", InterventionKind.Structural, "Relational job design",
            "Redesign a job so that coordinating with others is part of it and has time in it — a supervisor who coaches rather than only checks, a caseload small enough to talk with the other roles.",
            [.. Communication, Dimension.SharedKnowledge]),
        new("shared-accountability", InterventionKind.Structural, "Shared accountability",
            "Measure and review performance across roles for the whole work process instead of each role for its own piece, so that no role wins by passing a problem on.",
            [Dimension.SharedGoals, Dimension.ProblemSolving]),
        new("shared-rewards", InterventionKind.Structural, "Shared rewards",
            "Reward the roles of a work process together for its outcomes — recognition, bonuses or budgets tied to the shared result rather than to each role's own targets.",
            [Dimension.SharedGoals]),
        new("shared-conflict-resolution", InterventionKind.Structural, "Shared conflict resolution",
            "Give the roles a standing, agreed way to raise and work through conflicts across the boundary — a regular forum, a neutral convenor — so that disagreements are solved rather than avoided or escalated.",
            [Dimension.ProblemSolving, Dimension.MutualRespect]),
        new("boundary-spanner-role", InterventionKind.Structural, "Boundary spanner role",
            "Give a role the job of connecting others across the work process — a case manager, a discharge coordinator — with a caseload that leaves time to talk, and make sure it has strong ties of its own: a bridger needs connectors on each side.",
            [.. Communication, Dimension.SharedKnowledge]),
        new("shared-meetings", InterventionKind.Structural, "Shared meetings and huddles",
            "Bring the roles together briefly and regularly — a daily huddle, a shared round — to look at today's work, flag what is coming and solve problems while they are small.",
            [Dimension.Frequent, Dimension.Timely, Dimension.ProblemSolving]),
        new("shared-protocols", InterventionKind.Structural, "Shared protocols",
            "Write down, together with the roles involved, who does what and who tells whom at each hand-off, and keep the protocol short enough to use. A protocol clarifies the connections between roles, not only each role's tasks.",
            [Dimension.Timely, Dimension.Accurate, Dimension.SharedKnowledge]),
        new("shared-information-systems", InterventionKind.Structural, "Shared information systems",
            "Give every role the same, current view of the work — a shared record, a whiteboard, a status board — so information arrives on time and accurate without having to be chased.",
            [Dimension.Timely, Dimension.Accurate, Dimension.Frequent]),
    ];

    private static readonly Dictionary<string, CatalogueItem> ByKey = All.ToDictionary(i => i.Key, StringComparer.Ordinal);

    /// <summary>The item with the given key, or null when there is none.</summary>
    public static CatalogueItem? Find(string? key) => key is not null && ByKey.TryGetValue(key, out var item) ? item : null;

    /// <summary>The item with the given key; throws for an unknown key (the rules name only catalogue items).</summary>
    public static CatalogueItem Get(string key) => Find(key) ?? throw new ArgumentException($"No catalogue item '{key}'.", nameof(key));
}
