using FluentValidation;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Accounts;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Account;
using RelationalCoordination.Web.Pages.Orgs;

namespace RelationalCoordination.Web.Pages;

/// <summary>The first-run page: only while the installation has no user at all.</summary>
public sealed class SetupModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, IValidator<SetupModel.FirstUser> validator, TimeProvider clock, IStringLocalizer<SharedResource> texts) : PageModel
{
    [BindProperty]
    public FirstUser Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await db.Users.AnyAsync() ? Redirect("/account/signin") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            return Page();
        }

        // Two first visitors at once: the lock makes the second see the first one's account.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.LockAsync("first-run");
        if (await db.Users.AnyAsync())
        {
            return Redirect("/account/signin");
        }

        var user = new AppUser { UserName = Input.Email.Trim(), Email = Input.Email.Trim(), CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            created.AddTo(ModelState, nameof(Input), nameof(FirstUser.Email), nameof(FirstUser.Password), texts);
            return Page();
        }

        var organisation = Orgs.IndexModel.Add(db, Input.OrganisationName, user.Id, clock.GetUtcNow());
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Orgs/Dashboard", new { orgId = organisation.Id });
    }

    public sealed class FirstUser
    {
        public string OrganisationName { get; set; } = "";

        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }

    public sealed class FirstUserValidator : AbstractValidator<FirstUser>
    {
        public FirstUserValidator()
        {
            RuleFor(f => f.OrganisationName).OrganisationName();
            RuleFor(f => f.Email).AccountEmail();
            RuleFor(f => f.Password).NewPassword();
        }
    }
}
