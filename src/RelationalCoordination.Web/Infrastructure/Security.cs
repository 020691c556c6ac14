using System.Globalization;
using System.Threading.RateLimiting;

using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

using RelationalCoordination.Web.Infrastructure.Options;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// Rate limits per client address: permits per window (a minute unless
/// <c>RateLimits:WindowSeconds</c> says otherwise), from configuration (<c>RateLimits:SignIn</c>
/// and the others, <see cref="RateLimitOptions"/>), so that a site whose staff share one public
/// address can raise them.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";

    /// <summary>Invitation codes and resume codes: guessing them is what the limit stops.</summary>
    public const string Codes = "codes";

    /// <summary>Starting and submitting a response, on the respondent pages and through the API.</summary>
    public const string Submissions = "submissions";

    private static readonly (string Policy, Func<RateLimitOptions, int> Limit)[] Policies =
    [
        (SignIn, o => o.SignIn),
        (SignUp, o => o.SignUp),
        (Codes, o => o.Codes),
        (Submissions, o => o.Submissions),
    ];

    public static IServiceCollection AddRcRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindSettings(RateLimitOptions.Section).ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, settings) => Configure(options, settings.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions options, RateLimitOptions limits)
    {
        var window = limits.Window;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, token) =>
        {
            var http = context.HttpContext;
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            // The status-code pages write it: problem details on the API, the friendly page otherwise.
            Api.ApiProblems.Refuse(http, StatusCodes.Status429TooManyRequests, "Too many requests from this address: wait and try again (see Retry-After).");
            return ValueTask.CompletedTask;
        };
        foreach (var (policy, limitOf) in Policies)
        {
            var limit = limitOf(limits);
            // Reading a page costs nothing worth limiting; only what it sends is counted.
            options.AddPolicy(policy, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = window,
                    QueueLimit = 0,
                }));
        }
    }

    private static string ClientAddress(HttpContext http) =>
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

public static class SecurityExtensions
{
    /// <summary>
    /// Scripts, styles and images from this site only; no inline script or style, no framing, no
    /// plugin content. Forms post to this site only.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddRcSecurity(this IServiceCollection services)
    {
        services.AddRcRateLimits();
        services.AddRcRequestLimits();
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptions.Validator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((options, proxies) =>
        {
            // Behind a reverse proxy (nginx on this host by default): the client's address for rate
            // limits, and https for secure cookies and HSTS.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies.Value.Addresses())
            {
                options.KnownProxies.Add(proxy);
            }
        });
        return services;
    }

    /// <summary>The security headers on every response, static files and error pages included.</summary>
    public static WebApplication UseRcSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((http, next) =>
        {
            // At the start of the response, so that error pages (whose handler clears the headers) get them too.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Survey links, shared results links and invitation links carry secrets in their path.
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
