using System.Net;

using Microsoft.Extensions.Options;

namespace RelationalCoordination.Web.Infrastructure.Options;

/// <summary>
/// The "ReverseProxy" settings: <c>ReverseProxy:KnownProxies</c>, comma-separated addresses of
/// reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are trusted, besides the loopback.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    public string? KnownProxies { get; set; }

    private string[] Entries() =>
        (KnownProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The addresses; only once <see cref="Validator"/> has found no problem.</summary>
    public IEnumerable<IPAddress> Addresses() => Entries().Select(IPAddress.Parse);

    public sealed class Validator : IValidateOptions<ReverseProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var wrong = options.Entries().Where(entry => !IPAddress.TryParse(entry, out _)).ToList();
            return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(
                $"ReverseProxy__KnownProxies holds \"{string.Join(",", wrong)}\", which is not an IP address: it must be the reverse proxies' IP addresses separated by commas, e.g. 10.0.0.2,10.0.0.3 (a host name will not do).");
        }
    }
}
