using System.Globalization;
using Microsoft.Net.Http.Headers;
using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Web.Pages.Shared;

/// <summary>
/// Every text a respondent reads that is not the survey's own (title, work process, role names
/// come from the facilitator), in each language of the instrument. A new language is one more instance.
/// </summary>
public sealed record RespondentTexts(
    InstrumentLanguage Language,
    string Code,
    string LanguageName,
    string AboutTemplate,
    string AnonymityTemplate,
    string RoleQuestion,
    string ProgressTemplate,
    string AboutRole,
    string ReviewTitle,
    string ReviewText)
{
    public static RespondentTexts English { get; } = new(
        InstrumentLanguage.English, "en", "English",
        "This survey asks how the roles involved in {0} work together. It takes about 10 minutes.",
        "Your answers are anonymous: nobody, not even the survey's organisers, can see who answered what, and results are shown only for groups of at least {0} people.",
        "What is your role?",
        "Question {0} of {1}",
        "About this role",
        "Review and submit",
        "You see what you left unanswered, then submit.");

    public static RespondentTexts Danish { get; } = new(
        InstrumentLanguage.Danish, "da", "Dansk",
        "Denne undersøgelse spørger, hvordan rollerne i {0} arbejder sammen. Den tager omkring 10 minutter.",
        "Dine svar er anonyme: ingen, heller ikke undersøgelsens arrangører, kan se, hvem der har svaret hvad, og resultater vises kun for grupper på mindst {0} personer.",
        "Hvad er din rolle?",
        "Spørgsmål {0} af {1}",
        "Om denne rolle",
        "Gennemse og indsend",
        "Du ser, hvad du ikke har besvaret, og indsender derefter.");

    public static IReadOnlyList<RespondentTexts> All { get; } = [English, Danish];

    private const string CookieName = "rc.lang";

    public string About(string workProcess) => string.Format(CultureInfo.InvariantCulture, AboutTemplate, workProcess);

    public string Anonymity(int minGroupSize) => string.Format(CultureInfo.InvariantCulture, AnonymityTemplate, minGroupSize);

    public string Progress(int number, int of) => string.Format(CultureInfo.InvariantCulture, ProgressTemplate, number, of);

    /// <summary>
    /// The language of a respondent page: the one just chosen with <c>?lang=</c> (remembered in a
    /// cookie), else the remembered one, else the first the browser asks for that we have, else English.
    /// </summary>
    public static RespondentTexts For(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (ByCode(http.Request.Query["lang"]) is { } chosen)
        {
            http.Response.Cookies.Append(CookieName, chosen.Code, new CookieOptions { HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return chosen;
        }

        if (ByCode(http.Request.Cookies[CookieName]) is { } remembered)
        {
            return remembered;
        }

        var wanted = StringWithQualityHeaderValue.TryParseList(http.Request.Headers.AcceptLanguage.ToString().Split(','), out var languages)
            ? languages.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value?.Split('-')[0])
            : [];
        return wanted.Select(ByCode).FirstOrDefault(t => t is not null) ?? English;
    }

    private static RespondentTexts? ByCode(string? code) =>
        All.FirstOrDefault(t => string.Equals(t.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
