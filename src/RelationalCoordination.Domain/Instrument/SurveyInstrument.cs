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

/// <summary>The languages the instrument's wording and options are written in.</summary>
public enum InstrumentLanguage
{
    /// <summary>English.</summary>
    English = 0,
    /// <summary>Danish.</summary>
    Danish = 1,
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
    /// <summary>The English label of the option that every item offers besides its five scored ones.</summary>
    public const string NotApplicableLabel = "not applicable / don't know";

    private static readonly Dictionary<(FrequencyVariant, InstrumentLanguage), ImmutableArray<SurveyItem>> ItemSets = new()
    {
        [(FrequencyVariant.Frequency, InstrumentLanguage.English)] = English(FrequencyVariant.Frequency),
        [(FrequencyVariant.Sufficiency, InstrumentLanguage.English)] = English(FrequencyVariant.Sufficiency),
        [(FrequencyVariant.Frequency, InstrumentLanguage.Danish)] = Danish(FrequencyVariant.Frequency),
        [(FrequencyVariant.Sufficiency, InstrumentLanguage.Danish)] = Danish(FrequencyVariant.Sufficiency),
    };

    /// <summary>The seven items in survey order, with the frequency item in the given variant.</summary>
    public static ImmutableArray<SurveyItem> Items(FrequencyVariant variant = FrequencyVariant.Frequency, InstrumentLanguage language = InstrumentLanguage.English) =>
        ItemSets[(variant, language)];

    /// <summary>The item for one dimension.</summary>
    public static SurveyItem Item(Dimension dimension, FrequencyVariant variant = FrequencyVariant.Frequency, InstrumentLanguage language = InstrumentLanguage.English) =>
        Items(variant, language)[(int)dimension];

    /// <summary>The label of "not applicable / don't know" in a language.</summary>
    public static string NotApplicable(InstrumentLanguage language) =>
        language == InstrumentLanguage.Danish ? "ikke relevant / ved ikke" : NotApplicableLabel;

    private static ImmutableArray<SurveyItem> English(FrequencyVariant variant)
    {
        string[] oftenness = ["never", "rarely", "occasionally", "often", "always"];
        string[] extent = ["not at all", "a little", "somewhat", "a lot", "completely"];
        return Build(
            variant,
            frequency: ("How frequently do people in each of these roles communicate with you about {work process}?",
                ["never", "rarely", "occasionally", "often", "constantly"]),
            sufficiency: ("Do people in each of these roles communicate with you about {work process} as often as the work needs?",
                ["not nearly enough", "not enough", "just the right amount", "too often", "much too often"]),
            timely: ("Do people in each of these roles communicate with you in a timely way about {work process}?", oftenness),
            accurate: ("Do people in each of these roles communicate with you accurately about {work process}?", oftenness),
            problemSolving: ("When there are problems in {work process}, do people in each of these roles blame others or work with you to solve the problem?",
                ["always blame others", "mostly blame others", "neither blame nor solve", "mostly work with you to solve it", "always work with you to solve it"]),
            sharedGoals: ("How much do people in each of these roles share your goals for {work process}?", extent),
            sharedKnowledge: ("How much do people in each of these roles know about the work you do in {work process}?",
                ["nothing", "a little", "some", "a lot", "everything"]),
            mutualRespect: ("How much do people in each of these roles respect the work you do in {work process}?", extent));
    }

    private static ImmutableArray<SurveyItem> Danish(FrequencyVariant variant)
    {
        string[] oftenness = ["aldrig", "sjældent", "af og til", "ofte", "altid"];
        string[] extent = ["slet ikke", "lidt", "noget", "meget", "fuldstændig"];
        return Build(
            variant,
            frequency: ("Hvor ofte kommunikerer personer i hver af disse roller med dig om {work process}?",
                ["aldrig", "sjældent", "af og til", "ofte", "konstant"]),
            sufficiency: ("Kommunikerer personer i hver af disse roller med dig om {work process} så ofte, som arbejdet kræver?",
                ["slet ikke nok", "ikke nok", "tilpas", "for ofte", "alt for ofte"]),
            timely: ("Kommunikerer personer i hver af disse roller rettidigt med dig om {work process}?", oftenness),
            accurate: ("Kommunikerer personer i hver af disse roller præcist med dig om {work process}?", oftenness),
            problemSolving: ("Når der opstår problemer i {work process}, giver personer i hver af disse roller så andre skylden, eller arbejder de sammen med dig om at løse problemet?",
                ["giver altid andre skylden", "giver oftest andre skylden", "hverken giver skylden eller løser problemet",
                 "arbejder oftest sammen med dig om at løse det", "arbejder altid sammen med dig om at løse det"]),
            sharedGoals: ("Hvor meget deler personer i hver af disse roller dine mål for {work process}?", extent),
            sharedKnowledge: ("Hvor meget ved personer i hver af disse roller om det arbejde, du udfører i {work process}?",
                ["intet", "lidt", "noget", "meget", "alt"]),
            mutualRespect: ("Hvor meget respekterer personer i hver af disse roller det arbejde, du udfører i {work process}?", extent));
    }

    /// <summary>The seven items from their wordings and labels; the scores are the same in every language.</summary>
    private static ImmutableArray<SurveyItem> Build(
        FrequencyVariant variant,
        (string Wording, string[] Labels) frequency,
        (string Wording, string[] Labels) sufficiency,
        (string Wording, string[] Labels) timely,
        (string Wording, string[] Labels) accurate,
        (string Wording, string[] Labels) problemSolving,
        (string Wording, string[] Labels) sharedGoals,
        (string Wording, string[] Labels) sharedKnowledge,
        (string Wording, string[] Labels) mutualRespect)
    {
        int[] ascending = [1, 2, 3, 4, 5];
        // Sufficiency: "just the right amount" is best, too much is better than too little.
        int[] justRightBest = [1, 3, 5, 4, 2];
        SurveyItem Item(Dimension dimension, (string Wording, string[] Labels) text, int[] scores) =>
            new(dimension, text.Wording, [.. text.Labels.Select((label, i) => new ResponseOption(label, scores[i]))]);

        return
        [
            variant == FrequencyVariant.Sufficiency
                ? Item(Dimension.Frequent, sufficiency, justRightBest)
                : Item(Dimension.Frequent, frequency, ascending),
            Item(Dimension.Timely, timely, ascending),
            Item(Dimension.Accurate, accurate, ascending),
            Item(Dimension.ProblemSolving, problemSolving, ascending),
            Item(Dimension.SharedGoals, sharedGoals, ascending),
            Item(Dimension.SharedKnowledge, sharedKnowledge, ascending),
            Item(Dimension.MutualRespect, mutualRespect, ascending),
        ];
    }
}
