using FluentValidation;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Accounts;

/// <summary>The rules every form that creates an account or sets a password shares.</summary>
public static class AccountRules
{
    public const int MinPasswordLength = 10;

    public static IRuleBuilderOptions<T, string> AccountEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter your e-mail address.")
            .MaximumLength(256).WithMessage("An e-mail address has at most 256 characters.")
            .EmailAddress().WithMessage("Enter a valid e-mail address.");

    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(MinPasswordLength).WithMessage($"The password needs at least {MinPasswordLength} characters.")
            .MaximumLength(200).WithMessage("A password has at most 200 characters.");

    /// <summary>Shows Identity's errors (a taken e-mail, a rejected password) next to the fields they concern, in the page's language.</summary>
    public static void AddTo(this IdentityResult result, ModelStateDictionary modelState, string prefix, string emailField, string passwordField, IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var error in result.Errors)
        {
            var field = error.Code.Contains("Password", StringComparison.Ordinal) ? passwordField : emailField;
            modelState.AddModelError($"{prefix}.{field}", texts.Translate(error.Description));
        }
    }
}
