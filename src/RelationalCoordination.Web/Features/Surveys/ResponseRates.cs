using System.Globalization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>
/// Submitted and in-progress responses per answering role against its expected headcount. A count below the
/// survey's minimum group size is not a result, so facilitators see it, but viewers see only
/// "fewer than k" — and then no exact total either, from which the hidden count could be subtracted.
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
        foreach (var role in survey.Roles.Where(r => r.Answers))
        {
            var count = submitted.GetValueOrDefault(role.Id);
            var started = inProgress.GetValueOrDefault(role.Id);
            var hidden = !showSmallCounts && count > 0 && count < k;
            var startedHidden = !showSmallCounts && started > 0 && started < k;
            anyHidden |= hidden;
            anyStartedHidden |= startedHidden;
            rows.Add(new Row(
                role.Name,
                hidden ? $"fewer than {k}" : Number(count),
                startedHidden ? $"fewer than {k}" : Number(started),
                role.ExpectedHeadcount is { } headcount ? Number(headcount) : "—",
                hidden ? "—" : Rate(count, role.ExpectedHeadcount)));
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

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(int count, int? expected) =>
        expected is > 0 and { } e ? (count / (double)e).ToString("0%", CultureInfo.InvariantCulture) : "no headcount";
}
