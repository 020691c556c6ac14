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

    private (int From, int To, int Respondent) last = (0, -1, -1); // the last plain line's "id,role" and its respondent
    private readonly Observations store;
    private readonly int offset;
    private readonly int capacity;

    /// <summary>A run of lines whose observations go to <c>store</c> from <paramref name="offset"/>, one per line at most.</summary>
    public ResponsesUtf8Chunk(CsvTextFields textFields, Observations store, int offset, int capacity)
    {
        this.textFields = textFields;
        this.store = store;
        this.offset = offset;
        this.capacity = capacity;
    }

    public List<string> RoleNames { get; } = [];

    public Dictionary<string, int> RoleIndex { get; } = new(StringComparer.Ordinal);

    public List<string> RespondentIds { get; } = [];

    public List<int> RespondentRole { get; } = [];

    /// <summary>A bitset of the targets each respondent rated, <see cref="Words"/> words per respondent.</summary>
    public List<ulong> Rated { get; } = [];

    public int Count { get; private set; }

    public Observations Store => store;

    public static int Words => (ResponseSetBuilder.MaxRoles + 63) / 64;

    /// <summary>Reads the lines of <c>data[start..end]</c> (<paramref name="end"/> just after a line's end, or the data's end).</summary>
    public bool Read(ReadOnlySpan<byte> data, int start, int end)
    {
        Span<int> from = stackalloc int[Fields];
        Span<int> to = stackalloc int[Fields];

        // Most lines are three plain names and seven one-digit or empty scores: find the names'
        // commas among the separators found 64 bytes at a time, read the scores byte by byte. A
        // line with a quote, a "\r", a blank or a padded score goes the careful way (NextLine,
        // Split), which accepts it or declines the file.
        var separators = new Separators(data[..end], start);
        while (start < end)
        {
            var (a, b, c) = (separators.Next(), separators.Next(), separators.Next());
            if (c < end && data[a] == ',' && data[b] == ',' && data[c] == ',' && Scores(data[..end], c + 1, out var packed, out var lineEnd))
            {
                if (!Add(data, start, a, b, c, packed))
                {
                    return false;
                }

                start = lineEnd + 1;
                separators.SkipTo(start);
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

    // Seven scores from position p: each a digit 1–5 or nothing, then a comma (the last a line end).
    private static bool Scores(ReadOnlySpan<byte> data, int p, out int packed, out int lineEnd)
    {
        if (data.Length - p >= 16 && AllSeven(data.Slice(p, 16), out packed))
        {
            lineEnd = p + 13;
            return true;
        }

        packed = 0;
        for (var k = 0; k < 7; k++)
        {
            var separator = k < 6 ? (byte)',' : (byte)'\n';
            var x = p < data.Length ? data[p] : (byte)'\n';
            if (x == separator)
            {
                p++;
                continue;
            }

            var next = p + 1 < data.Length ? data[p + 1] : (byte)'\n';
            if ((uint)(x - '1') > 4 || next != separator)
            {
                lineEnd = -1;
                return false;
            }

            packed |= (x - '0') << (3 * k);
            p += 2;
        }

        lineEnd = p - 1;
        return true;
    }

    // Most lines answer all seven items: "d,d,d,d,d,d,d\n" checked and packed in two 8-byte words,
    // without a branch per item.
    private static bool AllSeven(ReadOnlySpan<byte> bytes, out int packed)
    {
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        packed = 0;
        if ((low & 0xFF00FF00FF00FF00) != 0x2C002C002C002C00 || (high & 0x0000FF00FF00FF00) != 0x00000A002C002C00)
        {
            return false;
        }

        uint outOfRange = 0;
        for (var k = 0; k < 7; k++)
        {
            var digit = (uint)((k < 4 ? low >> (16 * k) : high >> (16 * (k - 4))) & 0xFF) - '0';
            outOfRange |= digit - 1;
            outOfRange |= 4 - (digit - 1);
            packed |= (int)digit << (3 * k);
        }

        // A digit outside 1–5 makes digit − 1 or 4 − (digit − 1) negative: the top bit.
        return (outOfRange & 0x80000000) == 0;
    }

    /// <summary>The lines of a run of bytes — its line ends, and one more if it ends inside a line — or −1 when it is not valid UTF-8.</summary>
    public static int Lines(ReadOnlySpan<byte> run) =>
        !System.Text.Unicode.Utf8.IsValid(run) ? -1 : run.Count((byte)'\n') + (run.IsEmpty || run[^1] == '\n' ? 0 : 1);

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

    // A line split the careful way: scores may be padded, names quoted.
    private bool Add(ReadOnlySpan<byte> data, ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        var packed = 0;
        for (var k = 0; k < 7; k++)
        {
            var score = data[from[3 + k]..to[3 + k]].Trim(" \t"u8);
            if (score.IsEmpty)
            {
                continue;
            }

            if (score.Length != 1 || (uint)(score[0] - '1') > 4)
            {
                return false;
            }

            packed |= (score[0] - '0') << (3 * k);
        }

        last = (0, -1, -1);
        return Add(data[from[0]..to[0]], data[from[1]..to[1]], data[from[2]..to[2]], packed, out _);
    }

    // A plain line: id, role and target end at the commas a, b and c.
    private bool Add(ReadOnlySpan<byte> data, int start, int a, int b, int c, int packed)
    {
        // A respondent's rows usually follow each other: the same "id,role" as the last row's is
        // taken as it is, without a table lookup.
        if (last.Respondent >= 0 && data[start..b].SequenceEqual(data[last.From..last.To]))
        {
            return Observe(last.Respondent, TargetOf(data[(b + 1)..c]), packed);
        }

        if (!Add(data[start..a], data[(a + 1)..b], data[(b + 1)..c], packed, out var respondent))
        {
            return false;
        }

        last = (start, b, respondent);
        return true;
    }

    private bool Add(ReadOnlySpan<byte> id, ReadOnlySpan<byte> roleName, ReadOnlySpan<byte> targetName, int packed, out int respondent)
    {
        var role = RoleOf(roleName, roleSpellings);
        respondent = RespondentOf(id, role);
        if (role < 0 || respondent < 0 || RespondentRole[respondent] != role)
        {
            return false;
        }

        return Observe(respondent, TargetOf(targetName), packed);
    }

    private bool Observe(int respondent, int target, int packed)
    {
        if (target < 0)
        {
            return false;
        }

        if (!MarkRated(respondent, target))
        {
            return false; // a duplicate (respondent, target)
        }

        if (Count == capacity)
        {
            return false; // more observations than lines: cannot be
        }

        var at = offset + Count++;
        (store.Respondent[at], store.Target[at], store.Scores[at]) = (respondent, target, ItemScores.FromPacked(packed));
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

    // The target changes from row to row: its table is asked without trying its last match.
    private int TargetOf(ReadOnlySpan<byte> raw)
    {
        var known = targetSpellings.Find(raw, tryLast: false);
        return known >= 0 ? known : RoleOf(raw, targetSpellings);
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

/// <summary>The observations of a file as the response set stores them, filled by the chunks that read it.</summary>
internal sealed class Observations(int length)
{
    public int[] Respondent { get; private set; } = new int[length];

    public int[] Target { get; private set; } = new int[length];

    public ItemScores[] Scores { get; private set; } = new ItemScores[length];

    /// <summary>Closes a gap of unused slots (blank lines) at [<paramref name="at"/>, <paramref name="at"/> + <paramref name="gap"/>) and cuts the arrays to <paramref name="length"/>.</summary>
    public void Compact(int at, int gap, int length)
    {
        if (gap > 0)
        {
            Array.Copy(Respondent, at + gap, Respondent, at, length - at);
            Array.Copy(Target, at + gap, Target, at, length - at);
            Array.Copy(Scores, at + gap, Scores, at, length - at);
        }

        if (length < Target.Length)
        {
            (Respondent, Target, Scores) = (Respondent[..length], Target[..length], Scores[..length]);
        }
    }
}
