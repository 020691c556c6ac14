using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Organisations;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Settings;

/// <summary>
/// The organisation's own wording of the seven items in one language — the official RC Survey
/// wording, for an organisation that holds a licence for it (decision 23, docs/instrument.md).
/// For owners: it changes what every respondent of the surveys opened from now on reads.
/// </summary>
[RequiresRole(OrgRole.Owner)]
public sealed class WordingModel(AppDbContext db, CurrentOrganisation org, SaveItemWording save, IStringLocalizer<SharedResource> texts) : PageModel
{
    /// <summary>One box pair per <see cref="ItemWordings.Slots"/>, in that order.</summary>
    [BindProperty]
    public List<ItemRow> Items { get; set; } = [];

    public CurrentOrganisation Org => org;

    /// <summary>The language whose wording is edited (its own texts: the route's <c>en</c> or <c>da</c>).</summary>
    public RespondentTexts Language { get; private set; } = RespondentTexts.English;

    /// <summary>The organisation has its own wording in this language.</summary>
    public bool HasOwn { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string language, bool? saved)
    {
        if (Pick(language) is not { } picked)
        {
            return NotFound();
        }

        (Language, Saved) = (picked, saved == true);
        var stored = (await StoredAsync()).Where(w => w.Language == picked.Code).ToDictionary(w => w.Item);
        HasOwn = stored.Count > 0;
        Items = [.. ItemWordings.Slots.Select(s => stored.TryGetValue(s.Key, out var w)
            ? new ItemRow { Wording = w.Wording, Options = string.Join('\n', w.Options) }
            : new ItemRow())];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string language)
    {
        if (Pick(language) is not { } picked)
        {
            return NotFound();
        }

        Language = picked;
        // Missing rows (a trimmed form) are empty boxes; extra rows are no item's.
        var typed = ItemWordings.Slots.Select((s, i) => (s.Key, Row: i < Items.Count ? Items[i] : new ItemRow()))
            .ToDictionary(x => x.Key, x => new TypedItemText(x.Row.Wording, x.Row.Options));
        var outcome = await save.RunAsync(org.Id, picked.Language, typed);
        if (!outcome.IsDone)
        {
            foreach (var (field, messages) in outcome.Errors ?? new Dictionary<string, string[]>())
            {
                var (key, part) = (field[..field.IndexOf('.', StringComparison.Ordinal)], field[(field.IndexOf('.', StringComparison.Ordinal) + 1)..]);
                var index = ItemWordings.Slots.ToList().FindIndex(s => s.Key == key);
                var name = texts.GetString(part == "options" ? "{0}, option labels" : "{0}, wording", texts.GetString(SlotName(ItemWordings.Slots[index])).Value).Value;
                foreach (var message in messages)
                {
                    ModelState.AddModelError($"Items[{index}].{(part == "options" ? "Options" : "Wording")}", texts.GetString("{0}: {1}", name, texts.Translate(message)).Value);
                }
            }

            while (Items.Count < ItemWordings.Slots.Count)
            {
                Items.Add(new ItemRow());
            }

            HasOwn = (await StoredAsync()).Any(w => w.Language == picked.Code);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage("/Orgs/Settings/Wording", new { orgId = org.Id, language = picked.Code, saved = "true" });   // a string: a bool would be written True
    }

    /// <summary>What a slot is called on the page and in its messages: the dimension, and for the first item its variant.</summary>
    public static string SlotName(ItemWordings.Slot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return slot.Variant switch
        {
            FrequencyVariant.Frequency => "Frequent communication (frequency wording)",
            FrequencyVariant.Sufficiency => "Frequent communication (sufficiency wording)",
            _ => slot.Dimension.DisplayName(),
        };
    }

    private Task<List<ItemWording>> StoredAsync() =>
        db.Organisations.AsNoTracking().Where(o => o.Id == org.Id).Select(o => o.ItemWordings).SingleAsync();

    private static RespondentTexts? Pick(string? code) => RespondentTexts.All.FirstOrDefault(t => t.Code == code);

    public sealed class ItemRow
    {
        public string? Wording { get; set; }

        /// <summary>Five option labels, one a line, or empty for the app's labels.</summary>
        public string? Options { get; set; }
    }
}
