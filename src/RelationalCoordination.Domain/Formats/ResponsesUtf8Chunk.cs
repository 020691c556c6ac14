using System.Text;

using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// The observations of a run of whole lines of a responses file, read from UTF-8 with ids of its
/// own for roles and respondents (<see cref="ResponsesUtf8"/> merges the runs). Read fails — the
/// file is left to the text reader — at the first line that is not plainly valid.
/// </summary>
internal sealed class ResponsesUtf8Chunk
{
    private const int Fields = 10;

    private readonly SpellingTable roleSpellings = new();
    private readonly SpellingTable targetSpellings = new();
    private readonly SpellingTable respondentSpellings = new();
    private readonly Dictionary<string, int> respondentIndex = new(StringComparer.Ordinal);
    private readonly CsvTextFields textFields;

    private (int IdFrom, int IdTo, int RoleFrom, int RoleTo, int Role, int Respondent) last = (0, 0, 0, 0, -1, -1);
    private int[] observationRespondent;
    private int[] observationTarget;
    private ItemScores[] observationScores;

    public ResponsesUtf8Chunk(CsvTextFields textFields)
    {
        this.textFields = textFields;
        (observationRespondent, observationTarget, observationScores) = ([], [], []);
    }

    public List<string> RoleNames { get; } = [];

    public Dictionary<string, int> RoleIndex { get; } = new(StringComparer.Ordinal);

    public List<string> RespondentIds { get; } = [];

    public List<int> RespondentRole { get; } = [];

    /// <summary>A bitset of the targets each respondent rated, <see cref="Words"/> words per respondent.</summary>
    public List<ulong> Rated { get; } = [];

    public ReadOnlySpan<int> ObservationRespondent => observationRespondent.AsSpan(0, Count);

    public ReadOnlySpan<int> ObservationTarget => observationTarget.AsSpan(0, Count);

    public ReadOnlySpan<ItemScores> ObservationScores => observationScores.AsSpan(0, Count);

    public int Count { get; private set; }

    public static int Words => (ResponseSetBuilder.MaxRoles + 63) / 64;

    /// <summary>Reads the lines of <c>data[start..end]</c> (<paramref name="end"/> just after a line's end, or the data's end).</summary>
    public bool Read(ReadOnlySpan<byte> data, int start, int end)
    {
        // One observation per line: the line ends (counted fast) are the capacity needed.
        var capacity = data[start..end].Count((byte)'\n') + 1;
        observationRespondent = new int[capacity];
        observationTarget = new int[capacity];
        observationScores = new ItemScores[capacity];
        Span<int> from = stackalloc int[Fields];
        Span<int> to = stackalloc int[Fields];

        // Most lines are ten plain fields and a "\n": split them at the separators found 64 bytes at
        // a time. A line with a quote or a "\r", a blank line or a wrong count of fields goes the
        // careful way (NextLine, Split), which accepts it or declines the file.
        var separators = new Separators(data[..end], start);
        while (start < end)
        {
            var (fieldStart, field, lineEnd) = (start, 0, -1);
            while (lineEnd < 0)
            {
                var at = separators.Next();
                var c = at < end ? data[at] : (byte)'\n';
                if (c == ',' && field < Fields - 1)
                {
                    (from[field], to[field]) = (fieldStart, at);
                    field++;
                    fieldStart = at + 1;
                }
                else if (c == '\n' && field == Fields - 1)
                {
                    (from[field], to[field], lineEnd) = (fieldStart, at, at);
                }
                else
                {
                    break;
                }
            }

            if (lineEnd >= 0)
            {
                if (!Add(data, from, to))
                {
                    return false;
                }

                start = lineEnd + 1;
                continue;
            }

            var rest = data[start..end];
            if (!NextLine(ref rest, out var line) || (!line.IsEmpty && (!Split(line, start, from, to) || !Add(data, from, to))))
            {
                return false;
            }

            start = end - rest.Length;
            separators.Reset(start);
        }

        return true;
    }

    /// <summary>The line up to "\n" or "\r\n"; false at a lone "\r", which the text reader handles.</summary>
    public static bool NextLine(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
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
    private static bool Split(ReadOnlySpan<byte> line, int offset, Span<int> from, Span<int> to)
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

                (from[f], to[f]) = (offset + start + 1, offset + end - 1);
            }
            else
            {
                var next = line[start..].IndexOfAny((byte)',', (byte)'"');
                end = next < 0 ? line.Length : start + next;
                if (end < line.Length && line[end] == '"')
                {
                    return false;
                }

                (from[f], to[f]) = (offset + start, offset + end);
            }

            if ((end == line.Length) != (f == Fields - 1))
            {
                return false; // too few or too many fields
            }

            start = end + 1;
        }

        return true;
    }

    private bool Add(ReadOnlySpan<byte> data, ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        var packed = 0;
        for (var k = 0; k < 7; k++)
        {
            var length = to[3 + k] - from[3 + k];
            int score;
            if (length == 1)
            {
                score = data[from[3 + k]] - '0';
            }
            else if (length == 0)
            {
                continue;
            }
            else
            {
                var trimmed = data[from[3 + k]..to[3 + k]].Trim(" \t"u8);
                if (trimmed.IsEmpty)
                {
                    continue;
                }

                score = trimmed.Length == 1 ? trimmed[0] - '0' : 0;
            }

            if ((uint)(score - 1) > 4)
            {
                return false;
            }

            packed |= score << (3 * k);
        }

        // A respondent's rows usually follow each other: the same id and role as the last row's
        // are taken as they are, without a table lookup.
        var id = data[from[0]..to[0]];
        var roleName = data[from[1]..to[1]];
        int role, respondent;
        if (last.Respondent >= 0 && id.SequenceEqual(data[last.IdFrom..last.IdTo]) && roleName.SequenceEqual(data[last.RoleFrom..last.RoleTo]))
        {
            (role, respondent) = (last.Role, last.Respondent);
        }
        else
        {
            role = RoleOf(roleName, roleSpellings);
            respondent = RespondentOf(id, role);
            if (role < 0 || respondent < 0 || RespondentRole[respondent] != role)
            {
                return false;
            }

            last = (from[0], to[0], from[1], to[1], role, respondent);
        }

        var target = RoleOf(data[from[2]..to[2]], targetSpellings);
        if (target < 0)
        {
            return false;
        }

        if (!MarkRated(respondent, target))
        {
            return false; // a duplicate (respondent, target)
        }

        if (Count == observationTarget.Length)
        {
            // The capacity is the chunk's count of line ends; only a last line without one needs more.
            var size = Math.Max(16, Count * 2);
            Array.Resize(ref observationRespondent, size);
            Array.Resize(ref observationTarget, size);
            Array.Resize(ref observationScores, size);
        }

        (observationRespondent[Count], observationTarget[Count], observationScores[Count]) = (respondent, target, ItemScores.FromPacked(packed));
        Count++;
        return true;
    }

    /// <summary>The id of a role name (trimmed), new ones numbered in order; −1 beyond the most roles a work process may have.</summary>
    public int RoleOf(string name)
    {
        if (!RoleIndex.TryGetValue(name, out var id))
        {
            if (RoleNames.Count == ResponseSetBuilder.MaxRoles)
            {
                return -1;
            }

            id = RoleNames.Count;
            RoleNames.Add(name);
            RoleIndex.Add(name, id);
        }

        return id;
    }

    // The role and target columns have tables of their own: each then mostly finds its last match.
    private int RoleOf(ReadOnlySpan<byte> raw, SpellingTable spellings)
    {
        var known = spellings.Find(raw);
        if (known >= 0)
        {
            return known;
        }

        var name = Name(raw);
        var id = name is null ? -1 : RoleOf(name);
        spellings.Add(raw, id);
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

        var (respondent, _) = RespondentOf(id, role);
        respondentSpellings.Add(raw, respondent);
        return respondent;
    }

    /// <summary>The respondent with this (trimmed) id, added with <paramref name="role"/> when new.</summary>
    public (int Respondent, bool IsNew) RespondentOf(string id, int role)
    {
        if (respondentIndex.TryGetValue(id, out var respondent))
        {
            return (respondent, false);
        }

        respondent = RespondentIds.Count;
        respondentIndex.Add(id, respondent);
        RespondentIds.Add(id);
        RespondentRole.Add(role);
        for (var w = 0; w < Words; w++)
        {
            Rated.Add(0);
        }

        return (respondent, true);
    }

    /// <summary>Marks a target rated by a respondent; false when it already was.</summary>
    public bool MarkRated(int respondent, int target)
    {
        ref var word = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Rated)[(respondent * Words) + (target / 64)];
        var bit = 1UL << (target % 64);
        var fresh = (word & bit) == 0;
        word |= bit;
        return fresh;
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
