namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// Something in the configuration or the environment that keeps the app from starting, which the
/// person starting it can put right. The app prints the message alone — one line naming the
/// setting and what it must be — and exits with code 1, rather than a stack trace.
/// </summary>
public sealed class StartupProblemException(string message) : Exception(message);
