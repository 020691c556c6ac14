using System.Collections.Immutable;
using System.Text.RegularExpressions;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Features.Organisations;

/// <summary>
/// An organisation's own item wording (decision 23): which texts it has, which a survey uses, and
/// the items a respondent reads. The app's own wording is the default everywhere; an organisation's
/// wording in a language replaces it for staff and leaders once all seven items of the survey's
/// frequency variant are given. Clients keep the client wording: an organisation's (licensed)
/// wording is written for staff.
/// </summary>
public static partial class ItemWordings
{
    /// <summary>One text an organisation can give: the first item in each frequency variant, then the other six.</summary>
    public sealed record Slot(string Key, Dimension Dimension, FrequencyVariant? Variant);

    /// <summary>The eight texts of a language, in the order of the survey.</summary>
    public static IReadOnlyList<Slot> Slots { get; } =
    [
        new("frequency", Dimension.Frequent, FrequencyVariant.Frequency),
        new("sufficiency", Dimension.Frequent, FrequencyVariant.Sufficiency),
        .. Dimensions.All.Skip(1).Select(d => new Slot(d.Key(), d, null)),
    ];

    /// <summary>The code a language's texts are stored under: <c>en</c> or <c>da</c>.</summary>
    public static string Code(InstrumentLanguage language) => language == InstrumentLanguage.Danish ? "da" : "en";

    /// <summary>The language of a code, or null for any other.</summary>
    public static InstrumentLanguage? Language(string? code) => code switch
    {
        "en" => InstrumentLanguage.English,
        "da" => InstrumentLanguage.Danish,
        _ => null,
    };

    /// <summary>
    /// The wording in force for a survey: the copy it took when it opened (none: the app's), or —
    /// while it is a draft — the organisation's as it is now, which is what it will take.
    /// </summary>
    public static IReadOnlyList<ItemWording> InForce(Survey survey, IReadOnlyList<ItemWording> organisation)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return survey.IsLocked ? survey.ItemWordings : organisation;
    }

    /// <summary>
    /// The seven texts of <paramref name="language"/> for a survey of <paramref name="variant"/>, or
    /// null when the wording does not give all seven (then the app's own wording is used whole:
    /// the items of one survey are never half one wording, half another).
    /// </summary>
    public static IReadOnlyDictionary<Dimension, ItemText>? Texts(IEnumerable<ItemWording> wordings, InstrumentLanguage language, FrequencyVariant variant)
    {
        ArgumentNullException.ThrowIfNull(wordings);
        var code = Code(language);
        var given = wordings.Where(w => w.Language == code).GroupBy(w => w.Item).ToDictionary(g => g.Key, g => g.First());
        var texts = new Dictionary<Dimension, ItemText>();
        foreach (var slot in Slots.Where(s => s.Variant is null || s.Variant == variant))
        {
            if (!given.TryGetValue(slot.Key, out var wording))
            {
                return null;
            }

            var text = new ItemText(wording.Wording, [.. wording.Options]);
            if (ItemTextRules.Problems(text).Count > 0)
            {
                return null;   // stored before a rule was tightened, say: the app's wording rather than a broken item
            }

            texts[slot.Dimension] = text;
        }

        return texts;
    }

    /// <summary>The seven items a respondent of this audience reads in this language, with the wording in force.</summary>
    public static ImmutableArray<SurveyItem> Items(IEnumerable<ItemWording> wordings, FrequencyVariant variant, InstrumentLanguage language, ItemAudience audience)
    {
        var items = SurveyInstrument.Items(variant, language, audience);
        return audience == ItemAudience.Staff && Texts(wordings, language, variant) is { } texts ? SurveyInstrument.Reworded(items, texts) : items;
    }

    /// <summary>Copies to store elsewhere (a survey's snapshot): an owned entity belongs to one owner.</summary>
    public static List<ItemWording> Copy(IEnumerable<ItemWording> wordings) =>
        [.. wordings.Select(w => new ItemWording { Language = w.Language, Item = w.Item, Wording = w.Wording, Options = [.. w.Options] })];

    /// <summary>
    /// A typed wording as it is stored: a line break typed into the box becomes a space (an item is
    /// shown as one heading), and the ends are trimmed.
    /// </summary>
    public static string Normalise(string? wording) => LineBreaks().Replace(wording ?? "", " ").Trim();

    /// <summary>Typed option labels, one a line, blank lines left out.</summary>
    public static ImmutableArray<string> Labels(string? lines) =>
        [.. (lines ?? "").Split('\n').Select(l => l.TrimEnd('\r').Trim()).Where(l => l.Length > 0)];

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex LineBreaks();
}
