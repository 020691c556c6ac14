using FluentValidation.Results;

using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RelationalCoordination.Web.Infrastructure;

public static class ValidationExtensions
{
    /// <summary>Puts FluentValidation's messages next to their fields (prefix = the bound property, e.g. "Input").</summary>
    public static void AddTo(this ValidationResult result, ModelStateDictionary modelState, string prefix)
    {
        foreach (var error in result.Errors)
        {
            var name = error.PropertyName;
            var key = string.IsNullOrEmpty(name) ? prefix
                : name == prefix || name.StartsWith(prefix + "[", StringComparison.Ordinal) ? name
                : $"{prefix}.{name}";
            modelState.AddModelError(key, error.ErrorMessage);
        }
    }
}
