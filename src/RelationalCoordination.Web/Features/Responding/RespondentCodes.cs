using System.Security.Cryptography;
using System.Text;

using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// The short codes respondents read, type and scan: survey keys, resume codes and invitation codes.
/// Crockford's base32 — no I, L, O or U — so a code read aloud or off paper is not mistyped, and
/// typed input forgives case, spaces, dashes and the look-alikes O/0 and I/L/1.
/// </summary>
internal static class RespondentCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A survey's public key: 40 bits, lower case as it appears in links.</summary>
    public const int SurveyKeyLength = 8;

    /// <summary>A resume code: 40 bits, written down by a respondent to continue on another device.</summary>
    public const int ResumeCodeLength = 8;

    /// <summary>An invitation code: 50 bits, printed on a slip.</summary>
    public const int InvitationCodeLength = 10;

    public static string New(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    public static string NewSurveyKey() => New(SurveyKeyLength).ToLowerInvariant();

    /// <summary>The canonical form of typed input, or null when it cannot be a code of that length.</summary>
    public static string? Normalize(string? input, int length)
    {
        if (input is null || input.Length > 4 * length)
        {
            return null;
        }

        var code = new StringBuilder(length);
        foreach (var c in input.ToUpperInvariant())
        {
            if (c is '-' or ' ' or '\t')
            {
                continue;
            }

            var mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                return null;
            }

            code.Append(mapped);
        }

        return code.Length == length ? code.ToString() : null;
    }

    /// <summary>Groups of four for reading: <c>K7QM-4XPD</c>.</summary>
    public static string Display(string code) =>
        string.Join('-', Enumerable.Range(0, (code.Length + 3) / 4).Select(i => code.Substring(i * 4, Math.Min(4, code.Length - (i * 4)))));
}
