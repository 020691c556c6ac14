using System.Globalization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>
/// Submitted and in-progress responses per answering role against its expected headcount. A count below the
/// survey's minimum group size is not a result, so facilitators see it, but viewers see only
/// "fewer than k" — and then no exact total either, from which the hidden count could be subtracted —
/// and a reporting group as one row.
/// </summary>
public sealed record ResponseRates(IReadOnlyList<ResponseRates.Row> Roles, ResponseRates.Row Total)
{
    public sealed record Row(string Role, string Submitted, string InProgress, string Expected, string Rate);

    public static ResponseRates For(Survey survey, IReadOnlyDictionary<Guid, int> submitted, IReadOnlyDictionary<Guid, int> inProgress, bool showSmallCounts)
    {
        var k = survey.MinGroupSize;
        var rows = new List<Row>();
        var anyHidden = false;
        var anyStartedHidden = false;
        foreach (var (name, members) in Units(survey, byGroup: !showSmallCounts))
        {
            var count = members.Sum(m => submitted.GetValueOrDefault(m.Id));
            var started = members.Sum(m => inProgress.GetValueOrDefault(m.Id));
            int? expectedHere = members.All(m => m.ExpectedHeadcount is not null) ? members.Sum(m => m.ExpectedHeadcount!.Value) : null;
            var hidden = !showSmallCounts && count > 0 && count < k;
            var startedHidden = !showSmallCounts && started > 0 && started < k;
            anyHidden |= hidden;
            anyStartedHidden |= startedHidden;
            rows.Add(new Row(
                name,
                hidden ? $"fewer than {k}" : Number(count),
                startedHidden ? $"fewer than {k}" : Number(started),
                expectedHere is { } headcount ? Number(headcount) : "—",
                hidden ? "—" : Rate(count, expectedHere)));
        }

        var total = submitted.Values.Sum();
        var expected = survey.Roles.Where(r => r.Answers && r.ExpectedHeadcount is not null).Sum(r => r.ExpectedHeadcount!.Value);
        var everyHeadcount = survey.Roles.Where(r => r.Answers).All(r => r.ExpectedHeadcount is not null);
        var totalRow = new Row(
            "All roles",
            anyHidden ? "—" : Number(total),
            anyStartedHidden ? "—" : Number(inProgress.Values.Sum()),
            everyHeadcount ? Number(expected) : "—",
            anyHidden ? "—" : everyHeadcount ? Rate(total, expected) : "no headcount");
        return new ResponseRates(rows, totalRow);
    }

    /// <summary>
    /// The answering roles, each with the roles it counts: for those who see only counts of k or
    /// more, a reporting group is one row, as the results report it — a member's own count beside
    /// the group's would give away the others' by subtraction.
    /// </summary>
    private static IEnumerable<(string Name, List<SurveyRole> Members)> Units(Survey survey, bool byGroup)
    {
        foreach (var role in byGroup ? survey.ReportedRoles.Where(r => r.Answers) : survey.Roles.Where(r => r.Answers).OrderBy(r => r.Position))
        {
            var group = survey.ReportingGroups.FirstOrDefault(g => g.Id == role.Id);
            yield return (role.Name, group is null ? [role] : [.. survey.Roles.Where(r => group.Members.Any(m => m.RoleId == r.Id))]);
        }
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(int count, int? expected) =>
        expected is > 0 and { } e ? (count / (double)e).ToString("0%", CultureInfo.InvariantCulture) : "no headcount";
}
