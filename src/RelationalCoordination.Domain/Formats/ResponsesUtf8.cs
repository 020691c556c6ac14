using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// The responses format read straight from UTF-8 bytes, for the files that large surveys and
/// research data sets are: the canonical header, one observation per line, scores a single digit
/// or empty, names quoted at most simply. Each distinct spelling of a name is decoded once.
/// </summary>
/// <remarks>
/// This is a fast path, not a second definition of the format. It accepts a file only when every
/// line is plainly valid and returns exactly the set the text reader (<c>ResponsesCsv.Validate</c> of a string)
/// builds; on anything else — a problem, a reordered header, a doubled quote, a score written
/// "05" — it declines (null), and the text reader reads the file and names each problem with its
/// line and field. So errors stay the text reader's, word for word.
/// </remarks>
internal sealed class ResponsesUtf8
{
    private static ReadOnlySpan<byte> CanonicalHeader =>
        "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect"u8;

    private const int Fields = 10;

    private readonly List<string> roleNames = [];
    private readonly Dictionary<string, int> roleIndex = new(StringComparer.Ordinal);
    private readonly SpellingTable roleSpellings = new();
    private readonly List<string> respondentIds = [];
    private readonly List<int> respondentRole = [];
    private readonly Dictionary<string, int> respondentIndex = new(StringComparer.Ordinal);
    private readonly SpellingTable respondentSpellings = new();
    private readonly List<ulong> rated = []; // a bitset of rated targets per respondent
    private readonly List<int> observationRespondent = [];
    private readonly List<int> observationTarget = [];
    private readonly List<ItemScores> observationScores = [];
    private readonly Func<string, string, ResponseError?>? checkRoles;
    private readonly byte[]? pairChecked; // 0 unchecked, 1 accepted, per (role, target)
    private readonly CsvTextFields textFields;

    private ResponsesUtf8(Func<string, string, ResponseError?>? checkRoles, CsvTextFields textFields)
    {
        this.checkRoles = checkRoles;
        this.textFields = textFields;
        pairChecked = checkRoles is null ? null : new byte[ResponseSetBuilder.MaxRoles * ResponseSetBuilder.MaxRoles];
    }

    private static int Words => (ResponseSetBuilder.MaxRoles + 63) / 64;

    /// <summary>The set the text reader would build from these bytes, or null to leave the file to it.</summary>
    public static ResponseSet? TryRead(
        ReadOnlySpan<byte> bytes, IEnumerable<string>? declaredRoles, Func<string, string, ResponseError?>? checkRoles, CsvTextFields textFields)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (!bytes.StartsWith(CanonicalHeader) || !Utf8.IsValid(bytes))
        {
            return null;
        }

        var reader = new ResponsesUtf8(checkRoles, textFields);
        foreach (var role in declaredRoles ?? [])
        {
            var name = role?.Trim();
            if (string.IsNullOrEmpty(name) || reader.RoleOf(name) < 0)
            {
                return null;
            }
        }

        Span<Range> fields = stackalloc Range[Fields];
        var rest = bytes[CanonicalHeader.Length..];
        if (!NextLine(ref rest, out var headerEnd) || !headerEnd.IsEmpty)
        {
            return null;
        }

        while (!rest.IsEmpty)
        {
            if (!NextLine(ref rest, out var line))
            {
                return null;
            }

            if (line.IsEmpty)
            {
                continue; // a blank line, skipped as the text reader skips it
            }

            if (!Split(line, fields) || !reader.Add(line, fields))
            {
                return null;
            }
        }

        return ResponseSetBuilder.Freeze(
            reader.roleNames, reader.roleIndex, reader.respondentIds, reader.respondentRole,
            reader.observationRespondent, reader.observationTarget, reader.observationScores);
    }

    // The line up to "\n" or "\r\n" (a lone "\r" ends a record too: left to the text reader).
    private static bool NextLine(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
    {
        var end = rest.IndexOfAny((byte)'\n', (byte)'\r');
        if (end < 0)
        {
            line = rest;
            rest = default;
            return true;
        }

        line = rest[..end];
        var newline = rest[end] == '\n' ? 1 : end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 0;
        rest = rest[(end + newline)..];
        return newline > 0;
    }

    // Ten fields, each unquoted without quotes or wholly quoted without doubled quotes.
    private static bool Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var start = 0;
        for (var f = 0; f < Fields; f++)
        {
            int end;
            if (start < line.Length && line[start] == '"')
            {
                var close = line[(start + 1)..].IndexOf((byte)'"');
                end = start + 1 + close + 1;
                if (close < 0 || (end < line.Length && line[end] != ','))
                {
                    return false;
                }

                fields[f] = new Range(start + 1, end - 1);
            }
            else
            {
                var next = line[start..].IndexOfAny((byte)',', (byte)'"');
                end = next < 0 ? line.Length : start + next;
                if (end < line.Length && line[end] == '"')
                {
                    return false;
                }

                fields[f] = new Range(start, end);
            }

            if ((end == line.Length) != (f == Fields - 1))
            {
                return false; // too few or too many fields
            }

            start = end + 1;
        }

        return true;
    }

    private bool Add(ReadOnlySpan<byte> line, ReadOnlySpan<Range> fields)
    {
        var packed = 0;
        for (var k = 0; k < 7; k++)
        {
            var score = line[fields[3 + k]].Trim(" \t"u8);
            if (score.Length == 1 && score[0] is >= (byte)'1' and <= (byte)'5')
            {
                packed |= (score[0] - '0') << (3 * k);
            }
            else if (!score.IsEmpty)
            {
                return false;
            }
        }

        var role = RoleOf(line[fields[1]]);
        var target = RoleOf(line[fields[2]]);
        var respondent = RespondentOf(line[fields[0]], role);
        if (role < 0 || target < 0 || respondent < 0 || respondentRole[respondent] != role || !Check(role, target))
        {
            return false;
        }

        ref var word = ref CollectionsMarshal.AsSpan(rated)[(respondent * Words) + (target / 64)];
        var bit = 1UL << (target % 64);
        if ((word & bit) != 0)
        {
            return false; // a duplicate (respondent, target)
        }

        word |= bit;
        observationRespondent.Add(respondent);
        observationTarget.Add(target);
        observationScores.Add(ItemScores.FromPacked(packed));
        return true;
    }

    private bool Check(int role, int target)
    {
        if (pairChecked is null)
        {
            return true;
        }

        ref var state = ref pairChecked[(role * ResponseSetBuilder.MaxRoles) + target];
        if (state == 0)
        {
            state = checkRoles!(roleNames[role], roleNames[target]) is null ? (byte)1 : (byte)2;
        }

        return state == 1;
    }

    private int RoleOf(ReadOnlySpan<byte> raw)
    {
        var known = roleSpellings.Find(raw);
        if (known >= 0)
        {
            return known;
        }

        var name = Name(raw);
        var id = name is null ? -1 : RoleOf(name);
        roleSpellings.Add(raw, id);
        return id;
    }

    private int RoleOf(string name)
    {
        if (!roleIndex.TryGetValue(name, out var id))
        {
            if (roleNames.Count == ResponseSetBuilder.MaxRoles)
            {
                return -1;
            }

            id = roleNames.Count;
            roleNames.Add(name);
            roleIndex.Add(name, id);
        }

        return id;
    }

    private int RespondentOf(ReadOnlySpan<byte> raw, int role)
    {
        var known = respondentSpellings.Find(raw);
        if (known >= 0 || role < 0)
        {
            return known;
        }

        var id = Name(raw);
        if (id is null)
        {
            return -1;
        }

        if (!respondentIndex.TryGetValue(id, out var respondent))
        {
            respondent = respondentIds.Count;
            respondentIndex.Add(id, respondent);
            respondentIds.Add(id);
            respondentRole.Add(role);
            CollectionsMarshal.SetCount(rated, rated.Count + Words);
            CollectionsMarshal.AsSpan(rated)[^Words..].Clear();
        }

        respondentSpellings.Add(raw, respondent);
        return respondent;
    }

    // A name as the text reader takes it: trimmed, a neutralising quote removed, trimmed again;
    // null when empty, or when the two trims disagree (left to the text reader, which checks the
    // survey's roles between them).
    private string? Name(ReadOnlySpan<byte> raw)
    {
        var text = Encoding.UTF8.GetString(raw).AsSpan().Trim();
        if (textFields == CsvTextFields.NeutraliseFormulas)
        {
            text = CsvFormulas.Restore(text);
        }

        return text.IsEmpty || text.Trim().Length != text.Length ? null : text.ToString();
    }
}
