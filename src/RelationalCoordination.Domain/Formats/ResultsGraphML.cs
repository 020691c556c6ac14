using System.Globalization;
using System.Text;
using System.Xml;

using RelationalCoordination.Domain.Scoring;

namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// The role network as GraphML (for Gephi, yEd, igraph): a directed graph with one node per role
/// and one edge per shown tie between two roles. A suppressed tie is not an edge, so nothing of it
/// can be read from the file.
/// </summary>
public static class ResultsGraphML
{
    /// <summary>The GraphML namespace.</summary>
    public const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    private static readonly (string Id, string For, string Name, string Type)[] Keys =
    [
        ("label", "node", "label", "string"),
        ("respondents", "node", "respondents", "int"),
        ("rc_given", "node", "rc_given", "double"),
        ("rc_received", "node", "rc_received", "double"),
        ("rc_within", "node", "rc_within", "double"),
        ("betweenness", "node", "betweenness", "double"),
        ("eigenvector", "node", "eigenvector", "double"),
        ("n", "edge", "n", "int"),
        ("weight", "edge", "tie_strength", "double"),
        ("band", "edge", "band", "string"),
    ];

    /// <summary>
    /// Writes the graph of a (normally anonymous) result as UTF-8 without a byte-order mark.
    /// </summary>
    /// <remarks>
    /// A stream, not a <see cref="TextWriter"/>: the XML declaration names the writer's encoding,
    /// and a string writer's is UTF-16, which R igraph and Python's parsers refuse in a UTF-8 file.
    /// </remarks>
    public static void Write(Stream output, ScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", Namespace);
        xml.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        xml.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        foreach (var (id, target, name, type) in Keys)
        {
            xml.WriteStartElement("key", Namespace);
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("for", target);
            xml.WriteAttributeString("attr.name", name);
            xml.WriteAttributeString("attr.type", type);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("graph", Namespace);
        xml.WriteAttributeString("id", "roles");
        xml.WriteAttributeString("edgedefault", "directed");
        var ids = result.Roles.Select((r, i) => (r.Role, Id: $"r{i + 1}")).ToDictionary(x => x.Role, x => x.Id, StringComparer.Ordinal);
        foreach (var role in result.Roles)
        {
            xml.WriteStartElement("node", Namespace);
            xml.WriteAttributeString("id", ids[role.Role]);
            Data(xml, "label", role.Role);
            if (role.Respondents is { } respondents)
            {
                Data(xml, "respondents", respondents.ToString(CultureInfo.InvariantCulture));
            }

            Data(xml, "rc_given", role.RcGiven);
            Data(xml, "rc_received", role.RcReceived);
            Data(xml, "rc_within", role.RcWithin);
            Data(xml, "betweenness", role.Betweenness);
            Data(xml, "eigenvector", role.Eigenvector);
            xml.WriteEndElement();
        }

        var edge = 0;
        foreach (var tie in result.Ties.Where(t => !t.Suppressed && !t.IsWithinRole && t.Strength is not null && ids.ContainsKey(t.FromRole) && ids.ContainsKey(t.ToRole)))
        {
            xml.WriteStartElement("edge", Namespace);
            xml.WriteAttributeString("id", $"e{++edge}");
            xml.WriteAttributeString("source", ids[tie.FromRole]);
            xml.WriteAttributeString("target", ids[tie.ToRole]);
            Data(xml, "n", tie.N!.Value.ToString(CultureInfo.InvariantCulture));
            Data(xml, "weight", tie.Strength);
            Data(xml, "band", tie.Band!.Value.Key());
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Data(XmlWriter xml, string key, double? value)
    {
        if (value is { } v)
        {
            Data(xml, key, v.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static void Data(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data", Namespace);
        xml.WriteAttributeString("key", key);
        // A control character typed into a role name cannot be written in XML: it becomes U+FFFD.
        xml.WriteString(string.Concat(value.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD')));
        xml.WriteEndElement();
    }
}
