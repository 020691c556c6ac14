using System.Security.Claims;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>The organisation a request works in (from the <c>{orgId}</c> route value) and the user's role there.</summary>
public sealed class CurrentOrganisation
{
    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public OrgRole Role { get; private set; }

    public Guid UserId { get; private set; }

    public bool IsAtLeast(OrgRole role) => Role >= role;

    internal void Set(Guid id, string name, OrgRole role, Guid userId) => (Id, Name, Role, UserId) = (id, name, role, userId);
}

/// <summary>
/// The least organisation role a page (on its class) or a handler (on its method) needs.
/// Pages without it need <see cref="OrgRole.Viewer"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresRoleAttribute(OrgRole role) : Attribute
{
    public OrgRole Role { get; } = role;
}

/// <summary>
/// Scopes every page with an <c>{orgId}</c> route value to the signed-in user's membership:
/// a non-member gets 404 — the organisation's very existence is not revealed — and a member
/// below the role a page or handler requires gets 403.
/// </summary>
internal sealed class OrganisationScopeFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.RouteData.Values.TryGetValue("orgId", out var raw))
        {
            await next();
            return;
        }

        var http = context.HttpContext;
        if (!Guid.TryParse(raw?.ToString(), out var orgId)
            || !Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var membership = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganisationId == orgId && m.UserId == userId)
            .Select(m => new { m.Role, m.Organisation!.Name })
            .SingleOrDefaultAsync(http.RequestAborted);
        if (membership is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var required = new[]
        {
            context.HandlerInstance.GetType().GetCustomAttributes(typeof(RequiresRoleAttribute), true),
            context.HandlerMethod?.MethodInfo.GetCustomAttributes(typeof(RequiresRoleAttribute), true) ?? [],
        }.SelectMany(a => a).Cast<RequiresRoleAttribute>().Select(a => a.Role).DefaultIfEmpty(OrgRole.Viewer).Max();
        if (membership.Role < required)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        http.RequestServices.GetRequiredService<CurrentOrganisation>().Set(orgId, membership.Name, membership.Role, userId);
        await next();
    }
}
