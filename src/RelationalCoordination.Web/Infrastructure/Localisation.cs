using System.Globalization;

using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// The language of every page, one rule for the whole app: the one just chosen with <c>?lang=</c>
/// (remembered in the <c>rc.lang</c> cookie), else the remembered one, else the first the browser
/// asks for that the app speaks, else English. Only the UI culture follows it: numbers and dates are
/// formatted invariantly whatever the language (docs/decisions/0018).
/// </summary>
public static class Localisation
{
    public const string CookieName = "rc.lang";

    public const string QueryName = "lang";

    /// <summary>The languages the app speaks, English (the default) first.</summary>
    public static IReadOnlyList<CultureInfo> Languages { get; } = [CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("da")];

    public static IServiceCollection AddRcLocalisation(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, Languages[0]);
            options.SupportedCultures = [CultureInfo.InvariantCulture];
            options.SupportedUICultures = [.. Languages];
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryLanguageProvider(),
                new CookieLanguageProvider(),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
            ];
        });
        return services;
    }

    /// <summary>The two-letter code of the request's language: <c>en</c> or <c>da</c>.</summary>
    public static string LanguageOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return (http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? Languages[0]).TwoLetterISOLanguageName;
    }

    /// <summary>The current address with <c>lang</c> set to <paramref name="code"/>, its other parameters kept.</summary>
    public static string SwitchUrl(HttpRequest request, string code)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query.Where(q => !string.Equals(q.Key, QueryName, StringComparison.OrdinalIgnoreCase))
            .Append(KeyValuePair.Create(QueryName, new StringValues(code)));
        return $"{request.PathBase}{request.Path}{QueryString.Create(query)}";
    }

    private static string? Known(string? code) =>
        Languages.FirstOrDefault(l => string.Equals(l.TwoLetterISOLanguageName, code?.Trim(), StringComparison.OrdinalIgnoreCase))?.TwoLetterISOLanguageName;

    /// <summary><c>?lang=da</c>: this request's language, remembered for the next ones.</summary>
    private sealed class QueryLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            // The translations page's lang names the survey language a facilitator edits, not the page's.
            if (httpContext.Request.Path.Value?.EndsWith("/translations", StringComparison.OrdinalIgnoreCase) == true
                || Known(httpContext.Request.Query[QueryName]) is not { } code)
            {
                return NullProviderCultureResult;
            }

            httpContext.Response.Cookies.Append(CookieName, code, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(code));
        }
    }

    /// <summary>The language remembered in <c>rc.lang</c>, a bare code (<c>da</c>) as the respondent pages have always written it.</summary>
    private sealed class CookieLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            Known(httpContext.Request.Cookies[CookieName]) is { } code
                ? Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(code))
                : NullProviderCultureResult;
    }
}
