using System.Text.Json;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// The answers of a draft: per rated role, one slot per item holding 1–5, <see cref="NotApplicable"/>,
/// or null while unanswered. Stored as JSON in the draft.
/// </summary>
public sealed class DraftAnswers
{
    public const int NotApplicable = 0;

    /// <summary>One role's slots, all unanswered, as stored.</summary>
    public static readonly string EmptySlotsJson = JsonSerializer.Serialize(new int?[Domain.Instrument.Dimensions.Count]);

    private readonly Dictionary<Guid, int?[]> byRole;

    private DraftAnswers(Dictionary<Guid, int?[]> byRole) => this.byRole = byRole;

    public static DraftAnswers Parse(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<Guid, int?[]>>(json) ?? []);

    public string ToJson() => JsonSerializer.Serialize(byRole);

    public int? Get(Guid role, int item) => byRole.TryGetValue(role, out var slots) ? slots[item] : null;

    public void Set(Guid role, int item, int? value)
    {
        if (!byRole.TryGetValue(role, out var slots))
        {
            byRole[role] = slots = new int?[Domain.Instrument.Dimensions.Count];
        }

        slots[item] = value;
    }

    /// <summary>At least one answer is a score: a response of nothing but "not applicable" says nothing.</summary>
    public bool HasScore => byRole.Values.Any(slots => slots.Any(s => s is > 0));

    /// <summary>The roles of <paramref name="rated"/> left unanswered in an item (0-based).</summary>
    public IEnumerable<SurveyRole> Unanswered(int item, IEnumerable<SurveyRole> rated) => rated.Where(r => Get(r.Id, item) is null);

    /// <summary>The stored answers: one per rated role with at least one score; "not applicable" is stored as missing.</summary>
    public List<Answer> ToAnswers(IEnumerable<SurveyRole> rated) =>
    [
        .. rated.Where(r => byRole.TryGetValue(r.Id, out var slots) && slots.Any(s => s is > 0)).Select(r =>
        {
            var s = byRole[r.Id].Select(v => v is > 0 ? (short?)v : null).ToArray();
            return AnswerColumns.NewAnswer(r.Id, d => s[(int)d]);
        }),
    ];
}
