using FluentValidation;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Accounts;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Account.Manage;

public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IValidator<PasswordModel.Change> validator, IStringLocalizer<SharedResource> texts) : PageModel
{
    [BindProperty]
    public Change Input { get; set; } = new();

    public bool Changed { get; private set; }

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

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? nameof(Change.Current) : nameof(Change.New);
                ModelState.AddModelError($"{nameof(Input)}.{field}", texts.Translate(error.Code == "PasswordMismatch" ? "The current password is not right." : error.Description));
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        Changed = true;
        Input = new();
        return Page();
    }

    public sealed class Change
    {
        public string Current { get; set; } = "";

        public string New { get; set; } = "";
    }

    public sealed class ChangeValidator : AbstractValidator<Change>
    {
        public ChangeValidator()
        {
            RuleFor(c => c.Current).NotEmpty().WithMessage("Enter your current password.");
            RuleFor(c => c.New).NewPassword();
        }
    }
}
