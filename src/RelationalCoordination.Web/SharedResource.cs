namespace RelationalCoordination.Web;

/// <summary>
/// The marker of the app's one resource file, <c>Resources/SharedResource.da.resx</c>: each key is
/// the English text itself, so English needs no resource file and a missing translation shows English.
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>, never instantiated.
public sealed class SharedResource;
#pragma warning restore CA1052
