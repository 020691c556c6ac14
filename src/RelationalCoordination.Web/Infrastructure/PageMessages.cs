using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// The pages' translation of messages made in English elsewhere: validators' messages, refusals of
/// the services in <c>Features</c>, Identity's errors. Those messages stay English where they are
/// made, because the API returns them as they are (its problem+json is not localised) and the CLI
/// and the API share some of them; the page translates a message when it puts it on the page
/// (into <c>ModelState</c> or a notice), with the English message as its key, as every other page
/// text. A message with a variable part (a number of characters, a row, a name) cannot be a key as
/// it stands, so it is matched against its English template below, and its parts go into the
/// Danish one: one short list, next to the code that uses it, rather than a message code added to
/// every validator and service (which the API would then have to carry too). A message without a
/// translation is shown in English rather than not at all.
/// </summary>
public static class PageMessages
{
    /// <summary>The English templates of messages with variable parts; each is a key of the resource file.</summary>
    private static readonly string[] Templates =
    [
        // Validators (FluentValidation): limits from the configurations, rows and names.
        "The title can have at most {0} characters.",
        "The work process can have at most {0} characters.",
        "The introduction can have at most {0} characters.",
        "The minimum group size must be between {0} and 100: below {1}, answers could be traced to people.",
        "The name can have at most {0} characters.",
        "The password needs at least {0} characters.",
        "A role name can have at most {0} characters.",
        "A description can have at most {0} characters.",
        "Another role (row {0}) is already called “{1}”.",
        "A group name can have at most {0} characters.",
        "A role or group is already called “{0}”: choose another name.",
        "“{0}” is already in a group: split that group first.",
        // Services and pages.
        "A survey can have at most {0} roles (this one has {1}); remove {2} to go on.",
        "Number of codes: give a whole number from 1 to {0}.",
        "Number of codes: a survey can have at most {0} codes.",
        "{0} invitation codes generated. They are shown only now: download or print them before you leave this page.",
        "At most {0} codes at a time.",
        "“{0}” is not an invitation code.",
        "{0} is not an invitation code of this survey.",
        "The file is larger than {0} MB.",
        "Keep raw answers for: give a whole number of months from 1 to {0}, or leave it empty to keep them.",
        "Name: give the token a name of 1 to {0} characters, such as the system that will use it.",
        "A survey can have at most {0} feedback sessions.",
        "{0} → {1}: choose weak, moderate or strong, or leave it blank for “don't know”.",
        "At most {0} predictions: one for each tie of the map.",
        "{0} → {1} is predicted twice.",
        // Identity's errors.
        "Username '{0}' is already taken.",
        "Email '{0}' is already taken.",
        "Username '{0}' is invalid, can only contain letters or digits.",
        "Email '{0}' is invalid.",
        "Passwords must be at least {0} characters.",
    ];

    private static readonly (string Template, Regex Pattern)[] Patterns =
        [.. Templates.Select(t => (t, new Regex("^" + Regex.Replace(Regex.Escape(t), @"\\\{\d+}|\{\d+}", "(.+?)") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))];

    /// <summary><paramref name="english"/> in the request's language (itself in English, or when there is no translation).</summary>
    public static string Translate(this IStringLocalizer texts, string english)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Translate(english, name => texts[name], (name, args) => texts[name, args]);
    }

    /// <summary>The same for a view's localizer.</summary>
    public static string Translate(this IHtmlLocalizer texts, string english)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Translate(english, name => texts.GetString(name), (name, args) => texts.GetString(name, args));
    }

    /// <summary>A message that may be missing, translated when present.</summary>
    public static string? TranslateOrNull(this IStringLocalizer texts, string? english) => english is null ? null : texts.Translate(english);

    private static string Translate(string english, Func<string, LocalizedString> exact, Func<string, object[], LocalizedString> formatted)
    {
        if (string.IsNullOrEmpty(english))
        {
            return english;
        }

        if (exact(english) is { ResourceNotFound: false } found)
        {
            return found.Value;
        }

        foreach (var (template, pattern) in Patterns)
        {
            if (pattern.Match(english) is { Success: true } match
                && formatted(template, [.. match.Groups.Cast<Group>().Skip(1).Select(g => (object)g.Value)]) is { ResourceNotFound: false } translated)
            {
                return translated.Value;
            }
        }

        return english;
    }
}
