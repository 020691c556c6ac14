using System.Globalization;

namespace RelationalCoordination.Web.Infrastructure;

public static class Format
{
    /// <summary>A UTC date as yyyy-MM-dd, or a dash.</summary>
    public static string Date(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
