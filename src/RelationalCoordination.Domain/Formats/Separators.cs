using System.Numerics;
using System.Runtime.Intrinsics;

namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// The positions of the bytes that end a CSV field — <c>,</c> <c>\n</c> <c>\r</c> <c>"</c> — in
/// order, found 64 bytes at a time with vector compares: one pass over the file instead of a
/// search per field.
/// </summary>
internal ref struct Separators
{
    private readonly ReadOnlySpan<byte> data;
    private int block;  // the start of the current 64-byte block
    private ulong mask; // its separators not yet returned, one bit per byte

    public Separators(ReadOnlySpan<byte> data, int position)
    {
        this.data = data;
        Reset(position);
    }

    /// <summary>Goes on from <paramref name="position"/>: the next separator returned is there or after it.</summary>
    public void Reset(int position)
    {
        block = position & ~63;
        mask = MaskAt(block) & (~0UL << (position - block));
    }

    /// <summary>Skips the separators before <paramref name="position"/>, which is at or after the last one returned.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void SkipTo(int position)
    {
        if (position - block < 64)
        {
            mask &= ~0UL << (position - block);
        }
        else
        {
            Reset(position);
        }
    }

    /// <summary>The position of the next separator, or the length of the data when there is none.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Next()
    {
        while (mask == 0)
        {
            // Compared as a difference: near 2 GB, block + 64 would overflow.
            if (data.Length - block <= 64)
            {
                block = data.Length & ~63;
                return data.Length;
            }

            block += 64;
            mask = MaskAt(block);
        }

        var at = block + BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
        return at;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private readonly ulong MaskAt(int start)
    {
        if (data.Length - start >= 64)
        {
            var bytes = data.Slice(start, 64);
            return Vector256.IsHardwareAccelerated
                ? Of(Vector256.Create(bytes)) | (Of(Vector256.Create(bytes[32..])) << 32)
                : Of(Vector128.Create(bytes)) | (Of(Vector128.Create(bytes[16..])) << 16)
                    | (Of(Vector128.Create(bytes[32..])) << 32) | (Of(Vector128.Create(bytes[48..])) << 48);
        }

        ulong tail = 0;
        for (var i = start; i < data.Length; i++)
        {
            if (data[i] is (byte)',' or (byte)'\n' or (byte)'\r' or (byte)'"')
            {
                tail |= 1UL << (i - start);
            }
        }

        return tail;
    }

    private static ulong Of(Vector256<byte> v) =>
        (Vector256.Equals(v, Vector256.Create((byte)',')) | Vector256.Equals(v, Vector256.Create((byte)'\n'))
            | Vector256.Equals(v, Vector256.Create((byte)'\r')) | Vector256.Equals(v, Vector256.Create((byte)'"'))).ExtractMostSignificantBits();

    private static ulong Of(Vector128<byte> v) =>
        (Vector128.Equals(v, Vector128.Create((byte)',')) | Vector128.Equals(v, Vector128.Create((byte)'\n'))
            | Vector128.Equals(v, Vector128.Create((byte)'\r')) | Vector128.Equals(v, Vector128.Create((byte)'"'))).ExtractMostSignificantBits();
}
