namespace RelationalCoordination.Web.Features;

/// <summary>A file an action produced, for a page or an endpoint to send as it is.</summary>
public sealed record ExportedFile(byte[] Content, string ContentType, string FileName);
