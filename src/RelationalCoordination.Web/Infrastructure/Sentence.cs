using System.Globalization;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// A sentence with values, kept apart so that a page can show it in the reader's language: the
/// English template is the key of <c>Resources/SharedResource.da.resx</c>. <see cref="ToString"/>
/// is the English, for the API and logs.
/// </summary>
public sealed record Sentence(string Template, params object[] Values)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Template, Values);
}
