using System.Text;
using System.Xml.Linq;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Domain.Tests.Scoring;
using RelationalCoordination.Tests.Common;

using Xunit;

using static RelationalCoordination.Domain.Tests.TestData;

namespace RelationalCoordination.Domain.Tests.Formats;

public sealed class ResultsGraphMLTests
{
    private static readonly XNamespace G = ResultsGraphML.Namespace;

    [Fact]
    public void The_reference_network_is_valid_against_the_GraphML_schema()
    {
        var result = ScoringEngine.Score(ReferenceDataTests.Load("hospital/wave1.csv"), new ScoringOptions(5, anonymous: true));

        var xml = Written(result);

        Assert.Empty(GraphMLSchema.Problems(xml));
        Assert.Equal(result.Roles.Length, XDocument.Parse(xml).Descendants(G + "node").Count());
    }

    [Fact]
    public void Role_names_with_markup_quotes_commas_and_control_characters_stay_valid_GraphML()
    {
        string[] names = ["Nurses, \"night\" <b>&amp;</b>", "Læger 👩‍⚕️", "Bad\u0001name"];
        var rows = names.SelectMany((from, i) => Enumerable.Range(0, 3).SelectMany(j => names.Select(to => ($"r{i}.{j}", from, to, All(4))))).ToArray();
        var result = ScoringEngine.Score(Data(rows), new ScoringOptions(3, anonymous: true));

        var xml = Written(result);

        Assert.Empty(GraphMLSchema.Problems(xml));
        Assert.Equal(6, XDocument.Parse(xml).Descendants(G + "edge").Count());
        var labels = XDocument.Parse(xml).Descendants(G + "node")
            .Select(n => n.Elements(G + "data").Single(d => (string?)d.Attribute("key") == "label").Value);
        Assert.Equal(new[] { "Bad\uFFFDname", names[0], names[1] }.Order(StringComparer.Ordinal), labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_declaration_names_UTF_8_and_the_bytes_are_UTF_8_without_a_byte_order_mark()
    {
        // R igraph and Python's expat refuse a file whose declaration names another encoding than its bytes.
        var result = ScoringEngine.Score(Data([.. Enumerable.Range(0, 3).Select(i => ($"r{i}", "Læger", "Sygeplejersker", All(4)))]), new ScoringOptions(3, anonymous: true));
        using var bytes = new MemoryStream();

        ResultsGraphML.Write(bytes, result);

        var raw = bytes.ToArray();
        Assert.NotEqual(0xEF, raw[0]);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(raw);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        Assert.Contains("Sygeplejersker", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_check_reports_a_document_that_breaks_the_schema()
    {
        // Guards the test above: a key for an unknown domain and an edge without a target are refused.
        var xml = Written(ScoringEngine.Score(Data([.. Enumerable.Range(0, 3).Select(j => ($"r{j}", "A", "B", All(4)))]), new ScoringOptions(3, anonymous: true)))
            .Replace("for=\"edge\"", "for=\"vertex\"", StringComparison.Ordinal)
            .Replace(" target=\"", " goal=\"", StringComparison.Ordinal);

        var problems = GraphMLSchema.Problems(xml);

        Assert.Contains(problems, p => p.Contains("vertex", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("goal", StringComparison.Ordinal));
    }

    private static string Written(ScoringResult result)
    {
        using var bytes = new MemoryStream();
        ResultsGraphML.Write(bytes, result);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
