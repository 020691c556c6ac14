using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

using Microsoft.Extensions.Options;

namespace RelationalCoordination.Web.Infrastructure.Options;

/// <summary>
/// What a setting must look like, as the line refusing the start says it: "it must be
/// {rule}". In the rule, {0} and {1} stand for the bounds of the property's
/// <see cref="RangeAttribute"/> and {2} for its default.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string rule) : Attribute
{
    public string Rule { get; } = rule;
}

/// <summary>
/// The settings of each configuration section as an options class, bound and checked when the app
/// starts (<see cref="CheckSettings"/>): a bad one stops the start with one line naming the
/// setting as an environment variable (<c>Surveys__MaxRoles</c>) and what it must look like.
/// </summary>
public static class Settings
{
    /// <summary>A setting's name as an environment variable: <c>Surveys:MaxRoles</c> is <c>Surveys__MaxRoles</c>.</summary>
    public static string Variable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>
    /// Binds the section as <c>BindConfiguration</c> does and checks each property marked
    /// <see cref="SettingAttribute"/> against its validation attributes. A value the binder cannot
    /// read as the property's type ("many" for a number) is refused in the same words, rather than
    /// with the binder's exception and its stack trace.
    /// </summary>
    public static OptionsBuilder<T> BindSettings<T>(this OptionsBuilder<T> builder, string section)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configure<IConfiguration>((_, configuration) => ThrowIfUnreadable<T>(configuration, section, builder.Name));
        builder.BindConfiguration(section);
        builder.Services.AddSingleton<IValidateOptions<T>>(provider => new SettingsValidator<T>(provider.GetRequiredService<IConfiguration>(), section));
        return builder;
    }

    /// <summary>
    /// Every section registered with <c>ValidateOnStart</c>, checked now rather than when the host
    /// starts, so that the app refuses before it touches the database. One bad section throws its
    /// <see cref="OptionsValidationException"/>; several, a <see cref="StartupProblemException"/> listing them all.
    /// </summary>
    public static void CheckSettings(this IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (AggregateException all) when (all.InnerExceptions.All(e => e is OptionsValidationException))
        {
            throw new StartupProblemException(string.Join(" ", all.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)));
        }
    }

    /// <summary>
    /// The section read and checked as <see cref="BindSettings"/> does, for a configuration outside
    /// the app's host: an <see cref="OptionsValidationException"/> when a setting is wrong.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ThrowIfUnreadable<T>(configuration, section, Microsoft.Extensions.Options.Options.DefaultName);
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var result = new SettingsValidator<T>(configuration, section).Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(T), result.Failures) : options;
    }

    /// <summary>The line a refused start prints after "cannot start: ", from the problem that refused it.</summary>
    public static string Describe(Exception problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem is OptionsValidationException invalid ? string.Join(" ", invalid.Failures) : problem.Message;
    }

    private static string Refusal(string key, string? text, string rule) => $"{Variable(key)} is \"{text}\": it must be {rule}.";

    private static IEnumerable<(PropertyInfo Property, string Key, string Rule)> Described<T>(string section)
        where T : class, new()
    {
        var defaults = new T();
        foreach (var property in typeof(T).GetProperties())
        {
            if (property.GetCustomAttribute<SettingAttribute>() is { } setting)
            {
                var range = property.GetCustomAttribute<RangeAttribute>();
                var rule = string.Format(CultureInfo.InvariantCulture, setting.Rule, range?.Minimum, range?.Maximum, property.GetValue(defaults));
                yield return (property, $"{section}:{property.Name}", rule);
            }
        }
    }

    private static void ThrowIfUnreadable<T>(IConfiguration configuration, string section, string name)
        where T : class, new()
    {
        // The binder leaves a property alone for an empty value, and reads any other one.
        var failures = Described<T>(section)
            .Where(s => configuration[s.Key] is { Length: > 0 } text && !Readable(text, s.Property.PropertyType))
            .Select(s => Refusal(s.Key, configuration[s.Key], s.Rule))
            .ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(T), failures);
        }
    }

    private static bool Readable(string text, Type type)
    {
        try
        {
            TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(type) ?? type).ConvertFromInvariantString(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    private sealed class SettingsValidator<T>(IConfiguration configuration, string section) : IValidateOptions<T>
        where T : class, new()
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = Described<T>(section)
                .Where(s => s.Property.GetCustomAttributes<ValidationAttribute>().Any(a => !a.IsValid(s.Property.GetValue(options))))
                .Select(s => Refusal(s.Key, configuration[s.Key], s.Rule))
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
