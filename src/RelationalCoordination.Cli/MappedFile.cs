using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace RelationalCoordination.Cli;

/// <summary>
/// A file mapped read-only into memory: the reader works on the operating system's cached pages
/// instead of a copy in the heap. For the large workload of docs/benchmarks.md that spares a 36 MB
/// copy and about 9,000 page faults — a fifth of <c>rc score</c>'s time.
/// </summary>
internal sealed unsafe class MappedFile : MemoryManager<byte>
{
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* start;
    private readonly int length;

    private MappedFile(MemoryMappedFile map, MemoryMappedViewAccessor view, int length)
    {
        this.map = map;
        this.view = view;
        this.length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        start = pointer + view.PointerOffset;
    }

    /// <summary>
    /// The file's bytes, mapped when it is a regular file; read whole when it cannot be mapped — a
    /// pipe (<c>rc score &lt;(zcat x.csv.gz)</c>, <c>/dev/stdin</c>) or a file that reports no length.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened or mapped, or is 2 GB or larger.</exception>
    public static (ReadOnlyMemory<byte> Bytes, IDisposable? Mapping) Open(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (!stream.CanSeek || stream.Length == 0)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (copy.ToArray(), null);
        }

        if (stream.Length >= int.MaxValue)
        {
            throw new IOException($"the file is {stream.Length / (1024 * 1024)} MB; rc reads files under 2 GB");
        }

        var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        var mapped = new MappedFile(map, map.CreateViewAccessor(0, stream.Length, MemoryMappedFileAccess.Read), (int)stream.Length);
        return (mapped.Memory, mapped);
    }

    public override Span<byte> GetSpan() => new(start, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        map.Dispose();
    }
}
