using Microsoft.Extensions.Options;

using RelationalCoordination.Web.Api;

namespace RelationalCoordination.Web.Infrastructure.Options;

/// <summary>
/// The "Bootstrap" settings (<see cref="Bootstrap"/>), for automated deployments: an owner
/// account, their organisation and an API token created on start when missing. The account needs
/// all three of email, password and organisation; the token, when given, has the app's form.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public string? Organisation { get; set; }

    public string? ApiToken { get; set; }

    public string? Email => AdminEmail?.Trim() is { Length: > 0 } email ? email : null;

    public string? OrganisationName => Organisation?.Trim();

    public string? Token => ApiToken?.Trim();

    public sealed class Validator : IValidateOptions<BootstrapOptions>
    {
        public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
        }

        private static string? Problem(BootstrapOptions options)
        {
            if (options.Email is null)
            {
                return null;
            }

            if (string.IsNullOrEmpty(options.AdminPassword) || string.IsNullOrEmpty(options.OrganisationName))
            {
                return "Bootstrap:AdminEmail (Bootstrap__AdminEmail) is set: set Bootstrap__AdminPassword and Bootstrap__Organisation as well.";
            }

            const string Prefix = ApiTokenAuthentication.Prefix;
            var token = options.Token;
            return string.IsNullOrEmpty(token) || (token.StartsWith(Prefix, StringComparison.Ordinal) && token.Length is >= 32 and <= 100) ? null
                : $"Bootstrap:ApiToken (Bootstrap__ApiToken) must start with \"{Prefix}\" and be 32 to 100 characters long, e.g. {Prefix} followed by 40 random letters and digits; it is {token.Length} characters long{(token.StartsWith(Prefix, StringComparison.Ordinal) ? "" : $" and does not start with \"{Prefix}\"")}.";
        }
    }
}
