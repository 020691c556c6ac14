using System.Collections.Immutable;

namespace RelationalCoordination.Domain.Instrument;

/// <summary>
/// An organisation's own text for one item — the official RC Survey wording, say, for an
/// organisation licensed to use it: the wording with its <c>{work process}</c> placeholder and,
/// optionally, five option labels in the order of the default options (empty: the default labels).
/// </summary>
public sealed record ItemText(string Wording, ImmutableArray<string> Labels);

/// <summary>What an <see cref="ItemText"/> must be, with the problems in English, each naming its part.</summary>
public static class ItemTextRules
{
    /// <summary>The most characters of a wording: about three times the longest default item.</summary>
    public const int MaxWordingLength = 500;

    /// <summary>The most characters of one option label.</summary>
    public const int MaxLabelLength = 100;

    /// <summary>The wording is empty.</summary>
    public const string NoWording = "Give the wording.";
    /// <summary>The wording is longer than <see cref="MaxWordingLength"/>.</summary>
    public static readonly string WordingTooLong = $"The wording can have at most {MaxWordingLength} characters.";
    /// <summary>The wording lacks the work-process placeholder.</summary>
    public const string NoPlaceholder = "The wording must contain {work process}: that is where each survey's work process goes.";
    /// <summary>A wording or label holds a control character (a line break, say).</summary>
    public const string ControlCharacter = "Contains a control character.";
    /// <summary>Labels are given, but not five non-empty ones.</summary>
    public const string NotFiveLabels = "Give five option labels, one a line, in the order of the default labels — or none, to keep the default labels.";
    /// <summary>A label is longer than <see cref="MaxLabelLength"/>.</summary>
    public static readonly string LabelTooLong = $"An option label can have at most {MaxLabelLength} characters.";
    /// <summary>Two labels are the same.</summary>
    public const string LabelsRepeated = "The five option labels must differ from each other.";

    /// <summary>Why <paramref name="wording"/> cannot be an item's wording, or null when it can.</summary>
    /// <remarks>
    /// The placeholder is required: the RC Survey asks about one work process, and the respondent
    /// pages put the survey's work process into the item only there. A wording without it would ask
    /// about work in general, and answers to it would not be comparable with the survey's other items.
    /// </remarks>
    public static string? WordingProblem(string? wording)
    {
        var text = wording?.Trim() ?? "";
        return text.Length == 0 ? NoWording
            : text.Length > MaxWordingLength ? WordingTooLong
            : text.Any(char.IsControl) ? ControlCharacter
            : !text.Contains(SurveyItem.WorkProcessPlaceholder, StringComparison.Ordinal) ? NoPlaceholder
            : null;
    }

    /// <summary>Why <paramref name="labels"/> cannot be an item's option labels, or null when they can (none at all is fine).</summary>
    public static string? LabelsProblem(ImmutableArray<string> labels)
    {
        if (labels.IsDefaultOrEmpty)
        {
            return null;
        }

        var trimmed = labels.Select(l => l?.Trim() ?? "").ToList();
        return trimmed.Count != 5 || trimmed.Any(l => l.Length == 0) ? NotFiveLabels
            : trimmed.Any(l => l.Length > MaxLabelLength) ? LabelTooLong
            : trimmed.Any(l => l.Any(char.IsControl)) ? ControlCharacter
            : trimmed.Distinct(StringComparer.Ordinal).Count() != 5 ? LabelsRepeated
            : null;
    }

    /// <summary>Every problem of a text, the wording's first.</summary>
    public static IReadOnlyList<string> Problems(ItemText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. new[] { WordingProblem(text.Wording), LabelsProblem(text.Labels) }.OfType<string>()];
    }
}
