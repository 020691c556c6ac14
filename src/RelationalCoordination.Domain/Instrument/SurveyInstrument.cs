using System.Collections.Immutable;

namespace RelationalCoordination.Domain.Instrument;

/// <summary>Which wording and scale the frequency item uses; chosen when a survey is created.</summary>
public enum FrequencyVariant
{
    /// <summary>"never … constantly", scored 1 2 3 4 5.</summary>
    Frequency = 0,
    /// <summary>"not nearly enough … much too often", scored 1 3 5 4 2: the right amount scores best.</summary>
    Sufficiency = 1,
}

/// <summary>One labelled answer option of an item and the score (1–5, 5 = best) it stands for.</summary>
public sealed record ResponseOption(string Label, int Score);

/// <summary>
/// One item of the RC Survey: its dimension, its wording with a <c>{work process}</c> placeholder,
/// and its five options in display order. "Not applicable / don't know" is always offered besides
/// and scores as missing.
/// </summary>
public sealed record SurveyItem(Dimension Dimension, string Wording, ImmutableArray<ResponseOption> Options)
{
    /// <summary>The placeholder in <see cref="Wording"/> that the survey's work process replaces.</summary>
    public const string WorkProcessPlaceholder = "{work process}";

    /// <summary>The wording with the placeholder replaced by the survey's work process.</summary>
    public string WordingFor(string workProcess)
    {
        ArgumentNullException.ThrowIfNull(workProcess);
        return Wording.Replace(WorkProcessPlaceholder, workProcess.Trim(), StringComparison.Ordinal);
    }

    /// <summary>The score of the option with the given label, or null when the label is not an option.</summary>
    public int? ScoreOf(string label)
    {
        foreach (var option in Options)
        {
            if (string.Equals(option.Label, label, StringComparison.Ordinal))
            {
                return option.Score;
            }
        }

        return null;
    }
}

/// <summary>The RC Survey instrument: seven items in the fixed order of <see cref="Dimensions.All"/>.</summary>
public static class SurveyInstrument
{
    /// <summary>The label of the option that every item offers besides its five scored ones.</summary>
    public const string NotApplicableLabel = "not applicable / don't know";

    private static readonly ImmutableArray<SurveyItem> FrequencyItems = Build(FrequencyVariant.Frequency);
    private static readonly ImmutableArray<SurveyItem> SufficiencyItems = Build(FrequencyVariant.Sufficiency);

    /// <summary>The seven items in survey order, with the frequency item in the given variant.</summary>
    public static ImmutableArray<SurveyItem> Items(FrequencyVariant variant = FrequencyVariant.Frequency) =>
        variant == FrequencyVariant.Sufficiency ? SufficiencyItems : FrequencyItems;

    /// <summary>The item for one dimension.</summary>
    public static SurveyItem Item(Dimension dimension, FrequencyVariant variant = FrequencyVariant.Frequency) =>
        Items(variant)[(int)dimension];

    private static ImmutableArray<SurveyItem> Build(FrequencyVariant variant)
    {
        string[] oftenness = ["never", "rarely", "occasionally", "often", "always"];
        var frequent = variant == FrequencyVariant.Sufficiency
            ? new SurveyItem(
                Dimension.Frequent,
                "Do people in each of these roles communicate with you about {work process} as often as the work needs?",
                Options(["not nearly enough", "not enough", "just the right amount", "too often", "much too often"], [1, 3, 5, 4, 2]))
            : new SurveyItem(
                Dimension.Frequent,
                "How frequently do people in each of these roles communicate with you about {work process}?",
                Options(["never", "rarely", "occasionally", "often", "constantly"], [1, 2, 3, 4, 5]));

        return
        [
            frequent,
            new SurveyItem(
                Dimension.Timely,
                "Do people in each of these roles communicate with you in a timely way about {work process}?",
                Options(oftenness, [1, 2, 3, 4, 5])),
            new SurveyItem(
                Dimension.Accurate,
                "Do people in each of these roles communicate with you accurately about {work process}?",
                Options(oftenness, [1, 2, 3, 4, 5])),
            new SurveyItem(
                Dimension.ProblemSolving,
                "When there are problems in {work process}, do people in each of these roles blame others or work with you to solve the problem?",
                Options(
                    ["always blame others", "mostly blame others", "neither blame nor solve",
                     "mostly work with you to solve it", "always work with you to solve it"],
                    [1, 2, 3, 4, 5])),
            new SurveyItem(
                Dimension.SharedGoals,
                "How much do people in each of these roles share your goals for {work process}?",
                Options(["not at all", "a little", "somewhat", "a lot", "completely"], [1, 2, 3, 4, 5])),
            new SurveyItem(
                Dimension.SharedKnowledge,
                "How much do people in each of these roles know about the work you do in {work process}?",
                Options(["nothing", "a little", "some", "a lot", "everything"], [1, 2, 3, 4, 5])),
            new SurveyItem(
                Dimension.MutualRespect,
                "How much do people in each of these roles respect the work you do in {work process}?",
                Options(["not at all", "a little", "somewhat", "a lot", "completely"], [1, 2, 3, 4, 5])),
        ];
    }

    private static ImmutableArray<ResponseOption> Options(string[] labels, int[] scores) =>
        [.. labels.Select((label, i) => new ResponseOption(label, scores[i]))];
}
