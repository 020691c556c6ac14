namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// The distinct byte spellings of names met in a file, each with the number it stands for (a role
/// or respondent): looked up without decoding or allocating, so a name is decoded once however
/// often it recurs. Rows of one respondent follow each other, so the last match is tried first.
/// </summary>
internal sealed class SpellingTable
{
    private byte[] text = new byte[4096];
    private int textUsed;
    private Entry[] entries = new Entry[64];
    private int count;
    private int[] buckets = new int[128]; // entry index + 1; 0 = empty
    private readonly int[] recent = new int[1024]; // entry index + 1 by a cheap key of the spelling; 0 = none
    private int last = -1;

    /// <summary>The number stored for this spelling, or −1 when it is new.</summary>
    public int Find(ReadOnlySpan<byte> spelling, bool tryLast = true)
    {
        if (tryLast && last >= 0 && Spelling(last).SequenceEqual(spelling))
        {
            return entries[last].Value;
        }

        // Forty-odd role names recur in every respondent's rows: a direct-mapped cache keyed by
        // length and three of its bytes finds most of them without hashing the whole spelling.
        ref var slot = ref recent[Key(spelling)];
        if (slot > 0 && Spelling(slot - 1).SequenceEqual(spelling))
        {
            last = slot - 1;
            return entries[last].Value;
        }

        var hash = Hash(spelling);
        for (var b = hash & (buckets.Length - 1); buckets[b] != 0; b = (b + 1) & (buckets.Length - 1))
        {
            var e = buckets[b] - 1;
            if (entries[e].Hash == hash && Spelling(e).SequenceEqual(spelling))
            {
                last = e;
                slot = e + 1;
                return entries[e].Value;
            }
        }

        return -1;
    }

    /// <summary>Stores a spelling that <see cref="Find"/> did not know.</summary>
    public void Add(ReadOnlySpan<byte> spelling, int value)
    {
        if (textUsed + spelling.Length > text.Length)
        {
            Array.Resize(ref text, Math.Max(text.Length * 2, textUsed + spelling.Length));
        }

        if (count == entries.Length)
        {
            Array.Resize(ref entries, count * 2);
        }

        if (2 * (count + 1) > buckets.Length)
        {
            buckets = new int[buckets.Length * 2];
            for (var e = 0; e < count; e++)
            {
                Place(e);
            }
        }

        spelling.CopyTo(text.AsSpan(textUsed));
        entries[count] = new Entry(textUsed, spelling.Length, Hash(spelling), value);
        textUsed += spelling.Length;
        Place(count);
        recent[Key(spelling)] = count + 1;
        last = count++;
    }

    // Length, first, middle and last byte, mixed by a Fibonacci multiplication into 10 bits.
    private static int Key(ReadOnlySpan<byte> spelling) => spelling.IsEmpty ? 0
        : (int)(((uint)spelling.Length | ((uint)spelling[0] << 8) | ((uint)spelling[spelling.Length / 2] << 16) | ((uint)spelling[^1] << 24)) * 2654435769u >> 22);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Spelling(int entry) => text.AsSpan(entries[entry].Start, entries[entry].Length);

    private void Place(int entry)
    {
        var b = entries[entry].Hash & (buckets.Length - 1);
        while (buckets[b] != 0)
        {
            b = (b + 1) & (buckets.Length - 1);
        }

        buckets[b] = entry + 1;
    }

    // HashCode is seeded at random per process, so a crafted file cannot choose its collisions.
    private static int Hash(ReadOnlySpan<byte> spelling)
    {
        var hash = default(HashCode);
        hash.AddBytes(spelling);
        return hash.ToHashCode() & int.MaxValue;
    }

    private readonly record struct Entry(int Start, int Length, int Hash, int Value);
}
