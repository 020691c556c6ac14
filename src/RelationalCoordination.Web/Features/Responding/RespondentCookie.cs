using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// The cookie through which a respondent's browser finds its draft again: the resume code, or,
/// once submitted, only the fact that it submitted.
/// </summary>
public static class RespondentCookie
{
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(120);

    private const string SubmittedMark = "submitted";

    /// <summary>The resume code this browser holds for a survey, if any.</summary>
    public static string? ResumeCodeIn(HttpContext http, Survey survey) =>
        RespondentCodes.Normalize(http.Request.Cookies[CookieName(survey)], RespondentCodes.ResumeCodeLength);

    /// <summary>True when this browser submitted a response to the survey (and then let go of its resume code).</summary>
    public static bool HasSubmitted(HttpContext http, Survey survey) => http.Request.Cookies[CookieName(survey)] == SubmittedMark;

    /// <summary>
    /// After submitting, the browser keeps only the fact that it did (for the "already answered"
    /// page and a harmless back button), not the resume code that found the draft.
    /// </summary>
    public static void RememberSubmitted(HttpContext http, Survey survey) => Remember(http, survey, SubmittedMark);

    public static void Remember(HttpContext http, Survey survey, string resumeCode) =>
        http.Response.Cookies.Append(CookieName(survey), resumeCode, new CookieOptions
        {
            Path = "/s",
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = CookieLifetime,
            IsEssential = true,
        });

    public static void Forget(HttpContext http, Survey survey) =>
        http.Response.Cookies.Delete(CookieName(survey), new CookieOptions { Path = "/s" });

    private static string CookieName(Survey survey) => $"rc.draft.{survey.PublicKey}";
}
