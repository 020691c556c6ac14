using System.Globalization;

namespace RelationalCoordination.Web.Infrastructure;

public static class Format
{
    /// <summary>A UTC date as yyyy-MM-dd, or a dash.</summary>
    public static string Date(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>
    /// The last UTC day a survey takes answers: <c>ClosesAt</c> is the instant it stops, midnight
    /// after its last day when set as a date, or the moment a facilitator closed it.
    /// </summary>
    public static DateOnly? LastDay(DateTimeOffset? closesAt) =>
        closesAt is { } closes ? DateOnly.FromDateTime(closes.UtcDateTime.AddTicks(-1)) : null;

    public static string LastDayText(DateTimeOffset? closesAt) =>
        LastDay(closesAt)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A figure to <paramref name="decimals"/> places (invariant), or a dash when undefined.</summary>
    public static string Number(double? value, int decimals = 2) =>
        value?.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A share as a whole percentage, or a dash.</summary>
    public static string Percent(double? value) => value?.ToString("0%", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>
    /// A role's respondents as results show them: the count, or "fewer than k" when anonymous
    /// reporting withholds it (a count of 1 or 2 would tell who answered).
    /// </summary>
    public static string Respondents(int? count, int minGroupSize) =>
        count is { } n ? $"{n.ToString("N0", CultureInfo.InvariantCulture)} respondent{(n == 1 ? "" : "s")}" : $"fewer than {minGroupSize} respondents";
}
