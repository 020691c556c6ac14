using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages;

/// <summary>Friendly pages for 4xx status codes (re-executed by the status-code middleware).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedResource> texts) : PageModel
{
    public string Heading { get; private set; } = "";

    public string Text { get; private set; } = "";

    public void OnGet() => Describe();

    // No parameters to bind: a re-executed form may be unreadable (the reason it was refused), or
    // carry a field named like the route's value (the invitation code form does).
    public void OnPost() => Describe();

    /// <summary>What exactly was wrong with the request, when the app said so (a field with a control character, say).</summary>
    public string? Problem { get; private set; }

    private void Describe()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : 0;
        Problem = texts.TranslateOrNull(HttpContext.Items[Infrastructure.RequestGuard.ProblemKey] as string);
        (Heading, Text) = code switch
        {
            404 => ("Not found", "There is nothing here, or you do not have access to it."),
            403 => ("Not allowed", "Your role in this organisation does not allow this. Ask an owner if you need more."),
            429 => ("Too many attempts", "Too many requests came from your network in a short time. Please wait a minute and try again; nothing you entered before is lost."),
            503 => ("Briefly unavailable", "The service cannot reach its database just now. Please try again in a moment; answers you saved before are kept."),
            413 => ("Too large", "What was sent is larger than this page takes."),
            400 => ("Bad request", "The request could not be understood. Please go back and try again."),
            _ => (texts.GetString("Error {0}", code).Value, "The request could not be completed."),
        };
        (Heading, Text) = (texts.Translate(Heading), texts.Translate(Text));
    }
}
