using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Organisations;

/// <summary>What an owner typed for one item: its wording and its option labels, one a line (either may be empty).</summary>
public sealed record TypedItemText(string? Wording, string? Options);

/// <summary>
/// Sets (or, every box empty, removes) an organisation's own wording of the items in one language.
/// Checked whole before anything is stored: a wording that would break one item is refused with
/// the others. Surveys already open keep the wording they opened with (decision 23).
/// </summary>
public sealed class SaveItemWording(AppDbContext db, AuditLog audit)
{
    public const string FrequencyMissing = "Give the first item's wording for the frequency or the sufficiency variant, or both.";

    /// <param name="organisationId">The organisation.</param>
    /// <param name="language">The language of the texts.</param>
    /// <param name="typed">What was typed, by <see cref="ItemWordings.Slot.Key"/>; a slot not given counts as empty.</param>
    public async Task<Outcome<Organisation>> RunAsync(Guid organisationId, InstrumentLanguage language, IReadOnlyDictionary<string, TypedItemText> typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var texts = ItemWordings.Slots.ToDictionary(
            s => s.Key,
            s => typed.TryGetValue(s.Key, out var t) ? (Wording: ItemWordings.Normalise(t.Wording), Labels: ItemWordings.Labels(t.Options)) : ("", []));
        var cleared = texts.Values.All(t => t.Wording.Length == 0 && t.Labels.IsEmpty);
        if (!cleared && Problems(texts) is { Count: > 0 } problems)
        {
            return Refusal.Invalid("The item wording has problems: nothing was stored.", problems);
        }

        if (await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId) is not { } organisation)
        {
            return Refusal.NotFound("No such organisation.");
        }

        var code = ItemWordings.Code(language);
        // A new list, not an edit of the old: the JSON column is written whole.
        organisation.ItemWordings =
        [
            .. organisation.ItemWordings.Where(w => w.Language != code).Select(w => new ItemWording { Language = w.Language, Item = w.Item, Wording = w.Wording, Options = [.. w.Options] }),
            .. ItemWordings.Slots.Where(s => texts[s.Key].Wording.Length > 0)
                .Select(s => new ItemWording { Language = code, Item = s.Key, Wording = texts[s.Key].Wording, Options = [.. texts[s.Key].Labels] }),
        ];
        var name = language == InstrumentLanguage.Danish ? "Danish" : "English";
        var given = ItemWordings.Slots.Where(s => texts[s.Key].Wording.Length > 0).Select(s => s.Key).ToList();
        audit.Add(organisationId, AuditActions.ItemWordingChanged, cleared
            ? $"{name}: the app's own wording"
            : $"{name}: the organisation's own wording ({string.Join(", ", given)}; option labels of {texts.Count(t => !t.Value.Labels.IsEmpty)})");
        await db.SaveChangesAsync();
        return organisation;
    }

    /// <summary>Each problem by slot and part (<c>timely.wording</c>, <c>frequency.options</c>), in English.</summary>
    private static Dictionary<string, string[]> Problems(Dictionary<string, (string Wording, System.Collections.Immutable.ImmutableArray<string> Labels)> texts)
    {
        var problems = new Dictionary<string, string[]>();
        var firstGiven = texts["frequency"].Wording.Length > 0 || texts["sufficiency"].Wording.Length > 0;
        foreach (var slot in ItemWordings.Slots)
        {
            var (wording, labels) = texts[slot.Key];
            if (slot.Variant is not null && wording.Length == 0)
            {
                // The first item comes in two variants: an organisation that never asks one may leave it out.
                if (!firstGiven && slot.Variant == FrequencyVariant.Frequency)
                {
                    problems[$"{slot.Key}.wording"] = [FrequencyMissing];
                }
                else if (!labels.IsEmpty)
                {
                    problems[$"{slot.Key}.wording"] = [ItemTextRules.NoWording];   // labels for an item without a wording
                }
            }
            else if (ItemTextRules.WordingProblem(wording) is { } problem)
            {
                problems[$"{slot.Key}.wording"] = [problem];
            }

            if (ItemTextRules.LabelsProblem(labels) is { } labelProblem)
            {
                problems[$"{slot.Key}.options"] = [labelProblem];
            }
        }

        return problems;
    }
}
