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

    private static readonly Dictionary<(FrequencyVariant, InstrumentLanguage, ItemAudience), ImmutableArray<SurveyItem>> ItemSets = new()
    {
        [(FrequencyVariant.Frequency, InstrumentLanguage.English, ItemAudience.Staff)] = English(FrequencyVariant.Frequency),
        [(FrequencyVariant.Sufficiency, InstrumentLanguage.English, ItemAudience.Staff)] = English(FrequencyVariant.Sufficiency),
        [(FrequencyVariant.Frequency, InstrumentLanguage.Danish, ItemAudience.Staff)] = Danish(FrequencyVariant.Frequency),
        [(FrequencyVariant.Sufficiency, InstrumentLanguage.Danish, ItemAudience.Staff)] = Danish(FrequencyVariant.Sufficiency),
        [(FrequencyVariant.Frequency, InstrumentLanguage.English, ItemAudience.Client)] = ClientEnglish(FrequencyVariant.Frequency),
        [(FrequencyVariant.Sufficiency, InstrumentLanguage.English, ItemAudience.Client)] = ClientEnglish(FrequencyVariant.Sufficiency),
        [(FrequencyVariant.Frequency, InstrumentLanguage.Danish, ItemAudience.Client)] = ClientDanish(FrequencyVariant.Frequency),
        [(FrequencyVariant.Sufficiency, InstrumentLanguage.Danish, ItemAudience.Client)] = ClientDanish(FrequencyVariant.Sufficiency),
    };

    /// <summary>
    /// The seven items in survey order, with the frequency item in the given variant, worded for
    /// the given audience: staff (and leaders) read the standard wording, clients a plain one about
    /// how each role works with them. Both score the same: five options in the same order with the
    /// same scores, so a client's answers go into the same ties and indexes unchanged.
    /// </summary>
    public static ImmutableArray<SurveyItem> Items(
        FrequencyVariant variant = FrequencyVariant.Frequency,
        InstrumentLanguage language = InstrumentLanguage.English,
        ItemAudience audience = ItemAudience.Staff) =>
        ItemSets[(variant, language, audience)];

    /// <summary>The item for one dimension.</summary>
    public static SurveyItem Item(
        Dimension dimension,
        FrequencyVariant variant = FrequencyVariant.Frequency,
        InstrumentLanguage language = InstrumentLanguage.English,
        ItemAudience audience = ItemAudience.Staff) =>
        Items(variant, language, audience)[(int)dimension];

    /// <summary>
    /// <paramref name="items"/> with an organisation's own texts in place of the wording (and,
    /// where given, the option labels) of the dimensions it has one for. Dimensions, option order
    /// and scores stay those of <paramref name="items"/>: a label replaces the label at the same
    /// position, so answers score exactly as before. The texts must be valid (<see cref="ItemTextRules"/>).
    /// </summary>
    public static ImmutableArray<SurveyItem> Reworded(ImmutableArray<SurveyItem> items, IReadOnlyDictionary<Dimension, ItemText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return [.. items.Select(item =>
        {
            if (!texts.TryGetValue(item.Dimension, out var text))
            {
                return item;
            }

            if (ItemTextRules.Problems(text).Count > 0)
            {
                throw new ArgumentException($"The text of {item.Dimension.Key()} is not valid.", nameof(texts));
            }

            var options = text.Labels.IsDefaultOrEmpty
                ? item.Options
                : [.. item.Options.Select((option, i) => option with { Label = text.Labels[i].Trim() })];
            return new SurveyItem(item.Dimension, text.Wording.Trim(), options);
        })];
    }

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

    // The client wording: plain words about how each role works with the client, after Gittell's
    // relational coproduction (workers and clients producing outcomes together through the same
    // seven dimensions). The product's own wording, as the standard items are; same options in the
    // same order as the standard items, so every option scores as there.
    private static ImmutableArray<SurveyItem> ClientEnglish(FrequencyVariant variant)
    {
        string[] oftenness = ["never", "rarely", "occasionally", "often", "always"];
        string[] extent = ["not at all", "a little", "somewhat", "a lot", "completely"];
        return Build(
            variant,
            frequency: ("How often do people in each of these roles talk with you about {work process}?",
                ["never", "rarely", "occasionally", "often", "constantly"]),
            sufficiency: ("Do people in each of these roles talk with you about {work process} as often as you need?",
                ["not nearly enough", "not enough", "just the right amount", "too often", "much too often"]),
            timely: ("Do people in each of these roles tell you what you need to know about {work process} in time for it to help you?", oftenness),
            accurate: ("How often is what people in each of these roles tell you about {work process} correct and easy to understand?", oftenness),
            problemSolving: ("When something goes wrong in {work process}, do people in each of these roles blame someone, or work it out together with you?",
                ["always blame someone", "mostly blame someone", "neither blame nor work it out", "mostly work it out with you", "always work it out with you"]),
            sharedGoals: ("How much do people in each of these roles want the same things from {work process} as you do?", extent),
            sharedKnowledge: ("How much do people in each of these roles know about your situation and what matters to you in {work process}?",
                ["nothing", "a little", "some", "a lot", "everything"]),
            mutualRespect: ("How much do people in each of these roles respect what you know and what you bring to {work process}?", extent));
    }

    private static ImmutableArray<SurveyItem> ClientDanish(FrequencyVariant variant)
    {
        string[] oftenness = ["aldrig", "sjældent", "af og til", "ofte", "altid"];
        string[] extent = ["slet ikke", "lidt", "noget", "meget", "fuldstændig"];
        return Build(
            variant,
            frequency: ("Hvor ofte taler personer i hver af disse roller med dig om {work process}?",
                ["aldrig", "sjældent", "af og til", "ofte", "konstant"]),
            sufficiency: ("Taler personer i hver af disse roller med dig om {work process} så ofte, som du har brug for?",
                ["slet ikke nok", "ikke nok", "tilpas", "for ofte", "alt for ofte"]),
            timely: ("Fortæller personer i hver af disse roller dig det, du har brug for at vide om {work process}, i tide til at det kan hjælpe dig?", oftenness),
            accurate: ("Hvor ofte er det, personer i hver af disse roller fortæller dig om {work process}, korrekt og let at forstå?", oftenness),
            problemSolving: ("Når noget går galt i {work process}, giver personer i hver af disse roller så nogen skylden, eller finder de en løsning sammen med dig?",
                ["giver altid nogen skylden", "giver oftest nogen skylden", "hverken giver skylden eller finder en løsning",
                 "finder oftest en løsning sammen med dig", "finder altid en løsning sammen med dig"]),
            sharedGoals: ("Hvor meget vil personer i hver af disse roller det samme med {work process}, som du vil?", extent),
            sharedKnowledge: ("Hvor meget ved personer i hver af disse roller om din situation, og om hvad der betyder noget for dig i {work process}?",
                ["intet", "lidt", "noget", "meget", "alt"]),
            mutualRespect: ("Hvor meget respekterer personer i hver af disse roller det, du ved, og det, du bidrager med i {work process}?", extent));
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
