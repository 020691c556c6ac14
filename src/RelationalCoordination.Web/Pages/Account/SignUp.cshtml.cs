using FluentValidation;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Accounts;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Account;

[EnableRateLimiting(RateLimits.SignUp)]
public sealed class SignUpModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IValidator<SignUpModel.Credentials> validator, TimeProvider clock, IStringLocalizer<SharedResource> texts) : PageModel
{
    [BindProperty]
    public Credentials Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            return Page();
        }

        var user = new AppUser { UserName = Input.Email.Trim(), Email = Input.Email.Trim(), CreatedAt = clock.GetUtcNow() };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, nameof(Input), nameof(Credentials.Email), nameof(Credentials.Password), texts);
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/orgs");
    }

    public sealed class Credentials
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }

    public sealed class CredentialsValidator : AbstractValidator<Credentials>
    {
        public CredentialsValidator()
        {
            RuleFor(c => c.Email).AccountEmail();
            RuleFor(c => c.Password).NewPassword();
        }
    }
}
