using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>
/// A page about one survey of the current organisation, the one named by the <c>{id}</c> route
/// value: <see cref="Survey"/> is loaded, with its roles in order and untracked, before any handler
/// runs, and the page answers 404 when the organisation has no such survey — also for another
/// organisation's id, whose existence is not revealed. Handlers that write go through the
/// services of <c>Features</c>, which read the survey again for themselves.
/// </summary>
[SurveyFromRoute]
public abstract class SurveyPageModel : PageModel
{
    /// <summary>Set by <see cref="SurveyFromRouteAttribute"/> (and by a page lending its helpers to another, as Share does).</summary>
    public Survey Survey { get; internal set; } = null!;

    /// <summary>Reads the survey again, to show it as it is after a write was refused; false when it is gone meanwhile.</summary>
    protected async Task<bool> ReloadSurveyAsync()
    {
        if (await SurveyFromRouteAttribute.FindAsync(HttpContext, Survey.Id) is not { } survey)
        {
            return false;
        }

        Survey = survey;
        return true;
    }
}

/// <summary>A handler of a <see cref="SurveyPageModel"/> that does not need the survey loaded (it only redirects, for one).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WithoutSurveyAttribute : Attribute;

/// <summary>
/// Loads <see cref="SurveyPageModel.Survey"/>. A filter of its own rather than an override of
/// the page model's <c>OnPageHandlerExecutionAsync</c>: the page model runs as the outermost
/// filter, before <see cref="OrganisationScopeFilter"/> has said which organisation this is (and
/// refused a non-member or too low a role), while this one is ordered after it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class SurveyFromRouteAttribute : Attribute, IAsyncPageFilter, IOrderedFilter
{
    /// <summary>After <see cref="OrganisationScopeFilter"/>, which has the default order 0.</summary>
    public int Order => 1;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo.IsDefined(typeof(WithoutSurveyAttribute), inherit: false) == true)
        {
            await next();
            return;
        }

        // The routes of these pages constrain {id} to a GUID; a page without it is a mistake.
        var id = Guid.Parse(context.RouteData.Values["id"]?.ToString()
            ?? throw new InvalidOperationException($"{context.HandlerInstance.GetType().Name} has no {{id}} in its route."));
        if (await FindAsync(context.HttpContext, id) is not { } survey)
        {
            context.Result = new NotFoundResult();
            return;
        }

        ((SurveyPageModel)context.HandlerInstance).Survey = survey;
        await next();
    }

    internal static Task<Survey?> FindAsync(HttpContext http, Guid id)
    {
        var org = http.RequestServices.GetRequiredService<CurrentOrganisation>();
        if (org.Id == Guid.Empty)
        {
            // Guards the order above: before the organisation is known, every survey would look missing.
            throw new InvalidOperationException("The organisation of the request is not known yet.");
        }

        return http.RequestServices.GetRequiredService<AppDbContext>().FindAsync(org.Id, id);
    }
}
