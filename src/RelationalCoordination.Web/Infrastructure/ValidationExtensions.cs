using FluentValidation.Results;

using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace RelationalCoordination.Web.Infrastructure;

public static class ValidationExtensions
{
    /// <summary>
    /// Puts FluentValidation's messages next to their fields (prefix = the bound property, e.g. "Input"),
    /// in the page's language: the validators speak English, as the API that shares them does
    /// (<see cref="PageMessages"/>).
    /// </summary>
    public static void AddTo(this ValidationResult result, ModelStateDictionary modelState, string prefix, IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var error in result.Errors)
        {
            var name = error.PropertyName;
            var key = string.IsNullOrEmpty(name) ? prefix
                : name == prefix || name.StartsWith(prefix + "[", StringComparison.Ordinal) ? name
                : $"{prefix}.{name}";
            modelState.AddModelError(key, texts.Translate(error.ErrorMessage));
        }
    }
}
