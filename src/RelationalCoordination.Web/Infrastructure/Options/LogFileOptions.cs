namespace RelationalCoordination.Web.Infrastructure.Options;

/// <summary>
/// <c>Logging:File</c> (environment <c>Logging__File</c>), the one setting of the "Logging" section
/// that is the app's own: a path such as <c>/var/log/rc/app-.log</c> adds a daily rolling log file
/// besides the console. Any path will do, so nothing in it is refused at start.
/// </summary>
public sealed class LogFileOptions
{
    public const string Section = "Logging";

    public string? File { get; set; }
}
