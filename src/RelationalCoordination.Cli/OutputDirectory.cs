using System.Text;

namespace RelationalCoordination.Cli;

/// <summary>
/// Writes result files all or nothing: each to a temporary file beside its target, renamed into
/// place only when every file is complete, so a failure leaves no partial result behind.
/// </summary>
internal static class OutputDirectory
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAll(string directory, IReadOnlyList<(string Name, Action<TextWriter> Write)> files)
    {
        if (File.Exists(directory))
        {
            throw new UsageException($"--out {directory}: is a file, not a directory");
        }

        var created = !Directory.Exists(directory);
        var temporary = new List<(string Temp, string Final)>();
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var (name, write) in files)
            {
                var final = Path.Combine(directory, name);
                var temp = Path.Combine(directory, $".{name}.{Environment.ProcessId}.tmp");
                temporary.Add((temp, final));
                using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                using var writer = new StreamWriter(stream, Utf8NoBom, 1 << 16);
                write(writer);
            }

            foreach (var (temp, final) in temporary)
            {
                File.Move(temp, final, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var (temp, _) in temporary)
            {
                TryDelete(temp);
            }

            if (created)
            {
                TryDeleteEmptyDirectory(directory);
            }

            throw new UsageException($"--out {directory}: cannot write the results: {e.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original error is the one worth reporting.
        }
    }

    private static void TryDeleteEmptyDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
            {
                Directory.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort, as above.
        }
    }
}
