using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

using RelationalCoordination.Web.Features.Responding;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>
/// A respondent's form whose antiforgery token no longer matches — a tab restored after the
/// browser was killed, say — is still refused, but the respondent is sent back to the page (with
/// everything saved so far) instead of an error page.
/// </summary>
internal sealed class StaleFormFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            var request = context.HttpContext.Request;
            context.Result = new RedirectResult($"{request.PathBase}{request.Path}{request.QueryString}");
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
