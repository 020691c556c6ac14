using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RelationalCoordination.Web.Pages;

/// <summary>Friendly pages for 4xx status codes (re-executed by the status-code middleware).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Text { get; private set; } = "";

    public void OnGet([FromRoute] int code) => Describe(code);

    // From the route only: a re-executed form may carry a field of the same name (the invitation code form does).
    public void OnPost([FromRoute] int code) => Describe(code);

    private void Describe(int code)
    {
        (Heading, Text) = code switch
        {
            404 => ("Not found", "There is nothing here, or you do not have access to it."),
            403 => ("Not allowed", "Your role in this organisation does not allow this. Ask an owner if you need more."),
            429 => ("Too many attempts", "Too many requests came from your network in a short time. Please wait a minute and try again; nothing you entered before is lost."),
            503 => ("Briefly unavailable", "The service cannot reach its database just now. Please try again in a moment; answers you saved before are kept."),
            400 => ("Bad request", "The request could not be understood. Please go back and try again."),
            _ => ($"Error {code}", "The request could not be completed."),
        };
    }
}
