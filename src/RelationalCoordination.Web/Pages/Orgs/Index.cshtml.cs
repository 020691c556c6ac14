using System.Security.Claims;

using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs;

public sealed class IndexModel(AppDbContext db, TimeProvider clock, IValidator<IndexModel.NewOrganisation> validator, Infrastructure.AuditLog audit, IStringLocalizer<SharedResource> texts) : PageModel
{
    public IReadOnlyList<(Guid Id, string Name, OrgRole Role)> Organisations { get; private set; } = [];

    [BindProperty]
    public NewOrganisation Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            await LoadAsync();
            return Page();
        }

        var organisation = Add(db, Input.Name, UserId, clock.GetUtcNow());
        audit.Add(organisation.Id, Infrastructure.AuditActions.OrganisationCreated, $"“{organisation.Name}”");
        await db.SaveChangesAsync();
        return RedirectToPage("/Orgs/Dashboard", new { orgId = organisation.Id });
    }

    /// <summary>Adds an organisation with its creator as owner (saved by the caller).</summary>
    internal static Organisation Add(AppDbContext db, string name, Guid ownerId, DateTimeOffset now)
    {
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = name.Trim(), CreatedAt = now };
        db.Organisations.Add(organisation);
        db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = ownerId, Role = OrgRole.Owner, CreatedAt = now });
        return organisation;
    }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private async Task LoadAsync()
    {
        var userId = UserId;
        Organisations = (await db.Memberships.AsNoTracking()
                .Where(m => m.UserId == userId)
                .OrderBy(m => m.Organisation!.Name)
                .Select(m => new { m.OrganisationId, m.Organisation!.Name, m.Role })
                .ToListAsync())
            .Select(m => (m.OrganisationId, m.Name, m.Role))
            .ToList();
    }

    public sealed class NewOrganisation
    {
        public string Name { get; set; } = "";
    }

    public sealed class NewOrganisationValidator : AbstractValidator<NewOrganisation>
    {
        public NewOrganisationValidator() => RuleFor(o => o.Name).OrganisationName();
    }
}

public static class OrganisationRules
{
    public static IRuleBuilderOptions<T, string> OrganisationName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the organisation's name.")
            .MaximumLength(OrganisationConfiguration.NameMaxLength).WithMessage($"The name can have at most {OrganisationConfiguration.NameMaxLength} characters.");
}
