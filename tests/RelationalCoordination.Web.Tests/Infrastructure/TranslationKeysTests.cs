using System.Collections;
using System.Globalization;
using System.Resources;

using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

public sealed class TranslationKeysTests
{
    /// <summary>
    /// Keys are the English texts, and "Change plan" and "change plan" are two texts; but the
    /// resource lookup found one Danish text for both (the page showed "forandringsplan" mid-heading
    /// and left "Shared protocols" English), so no two keys may differ only in case.
    /// </summary>
    [Fact]
    public void No_two_Danish_translations_have_keys_that_differ_only_in_case()
    {
        var resources = new ResourceManager("RelationalCoordination.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        var set = resources.GetResourceSet(CultureInfo.GetCultureInfo("da"), createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        var keys = set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList();

        Assert.True(keys.Count > 500, $"Only {keys.Count} Danish texts found: is the resource name right?");
        Assert.Empty(keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" | ", g)));
    }
}
