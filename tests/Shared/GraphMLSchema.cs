using System.Xml;
using System.Xml.Schema;

namespace RelationalCoordination.Tests.Common;

/// <summary>Validates a document against the GraphML schema copied into tests/schemas/graphml.</summary>
public static class GraphMLSchema
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>Every schema error and warning of the document, empty when it is valid GraphML.</summary>
    public static IReadOnlyList<string> Problems(string xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at {e.Exception.LineNumber}:{e.Exception.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    private static XmlSchemaSet Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "schemas", "graphml");
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.ValidationEventHandler += (_, e) => throw new InvalidOperationException($"The GraphML schema does not load: {e.Message}");
        // The xlink.xsd the schema imports is resolved from the same folder, never from the web.
        set.Add("http://graphml.graphdrawing.org/xmlns", Path.Combine(folder, "graphml.xsd"));
        set.Compile();
        return set;
    }
}
