using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// The observations of a run of whole lines of a responses file, read from UTF-8 with ids of its
/// own for roles and respondents (<see cref="ResponsesUtf8"/> merges the runs). Read fails — the
/// file is left to the text reader — at the first line that is not plainly valid.
/// </summary>
internal sealed partial class ResponsesUtf8Chunk
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
}
