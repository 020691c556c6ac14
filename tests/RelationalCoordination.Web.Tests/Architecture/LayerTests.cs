using RelationalCoordination.Web.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Architecture;

/// <summary>
/// The layers point one way: pages and the API call the application layer (<c>Features</c>),
/// which uses the data layer; nothing below the pages knows them.
/// </summary>
public sealed class LayerTests
{
    private const string Root = "RelationalCoordination.Web.";

    private static readonly Type[] WebTypes = typeof(CurrentOrganisation).Assembly.GetTypes();

    public static TheoryData<string> LayersBelowThePages => new() { "Data", "Api", "Features" };

    [Theory]
    [MemberData(nameof(LayersBelowThePages))]
    public void Nothing_under_Data_Api_or_Features_references_a_Pages_type(string layer)
    {
        var types = WebTypes.Where(t => t.Namespace?.StartsWith(Root + layer, StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(types);

        var offences = types
            .SelectMany(t => TypeReferences.Of(t).Where(IsPage).Select(page => $"{t.FullName} → {page.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    [Fact]
    public void The_reference_reader_finds_a_page_type_where_there_is_one()
    {
        // The control: Infrastructure registers the respondent pages' filter, so a reader that
        // missed references would make the test above pass for nothing.
        var registration = WebTypes.Single(t => t.FullName == Root + "Infrastructure.ServiceExtensions");

        Assert.Contains(TypeReferences.OfWithNested(registration), IsPage);
        Assert.Contains(TypeReferences.OfWithNested(typeof(RelationalCoordination.Web.Pages.Orgs.Surveys.CloseModel)), t => t.FullName == Root + "Features.Surveys.CloseSurvey");
    }

    private static bool IsPage(Type type) => type.Namespace?.StartsWith(Root + "Pages", StringComparison.Ordinal) == true;
}
