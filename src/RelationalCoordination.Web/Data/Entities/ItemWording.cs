namespace RelationalCoordination.Web.Data;

/// <summary>
/// One item's text in an organisation's own wording of the RC Survey (the official wording, for an
/// organisation licensed to use it; docs/instrument.md): stored as JSON with the organisation, and
/// copied into a survey when it opens, so that respondents keep reading the wording it opened with
/// (decision 23).
/// </summary>
public sealed class ItemWording
{
    /// <summary>The instrument language's code: <c>en</c> or <c>da</c>.</summary>
    public required string Language { get; set; }

    /// <summary>
    /// Which item: <c>frequency</c> or <c>sufficiency</c> (the first item, in the survey's frequency
    /// variant), or the key of one of the other six dimensions (<c>timely</c> … <c>mutual_respect</c>).
    /// </summary>
    public required string Item { get; set; }

    /// <summary>The wording, with the <c>{work process}</c> placeholder.</summary>
    public required string Wording { get; set; }

    /// <summary>Five option labels in the order of the default options, or none for the default labels.</summary>
    public List<string> Options { get; set; } = [];
}
