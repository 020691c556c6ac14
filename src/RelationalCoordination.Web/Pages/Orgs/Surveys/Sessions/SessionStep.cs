namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Sessions;

/// <summary>
/// One step of a feedback session. The order is the Relational Model of Change's: safety first, the
/// room's own map before the survey's, strengths before weak ties, and only then what to do.
/// </summary>
/// <param name="Number">Its place in the sequence, from 1.</param>
/// <param name="Id">The id of its section, on the step's page and in the printable report.</param>
/// <param name="Partial">The partial view that shows it.</param>
/// <param name="Title">Its heading, in English (the pages translate it).</param>
/// <param name="Summary">What happens in it, in a line.</param>
/// <param name="NeedsResults">False for the steps before the reveal, which show no result.</param>
public sealed record SessionStep(int Number, string Id, string Partial, string Title, string Summary, bool NeedsResults)
{
    public static IReadOnlyList<SessionStep> All { get; } =
    [
        new(1, "step-ground", "_Ground", "Ground rules", "how we talk about the results, and questions to ask rather than conclusions to state.", false),
        new(2, "step-predict", "_Predict", "Our own map", "each role predicts how strong its ties to the other roles are, before anyone sees a result.", false),
        new(3, "step-reveal", "_Reveal", "The results beside our predictions", "where the room's expectations and the answers agree, and where they differ.", true),
        new(4, "step-strengths", "_Strengths", "Strengths", "the strongest ties, and the ties that grew stronger since the earlier wave.", true),
        new(5, "step-together", "_Together", "How we work together", "the weakest ties and the pairs that see each other differently, each with a conversation to have.", true),
        new(6, "step-next", "_NextSteps", "Next steps", "what the Relational Model of Change suggests trying first.", true),
    ];

    public static int Count => All.Count;

    /// <summary>The step numbered <paramref name="number"/>, or null.</summary>
    public static SessionStep? Find(int number) => number >= 1 && number <= All.Count ? All[number - 1] : null;
}
