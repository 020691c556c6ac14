using System.Text;

namespace RelationalCoordination.Cli;

/// <summary>
/// Writes result files all or nothing: each to a temporary file beside its target, then moved
/// into place; if a move fails, the files already moved are taken back and any earlier results
/// restored, so a failure leaves the directory as it was.
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

        foreach (var (name, _) in files)
        {
            if (Directory.Exists(Path.Combine(directory, name)))
            {
                throw new UsageException($"--out {directory}: {name} there is a directory; results cannot replace it");
            }
        }

        var created = !Directory.Exists(directory);
        var suffix = $".{Environment.ProcessId}.tmp";
        var staged = files.Select(f => (Temp: Path.Combine(directory, $".{f.Name}{suffix}"), Final: Path.Combine(directory, f.Name))).ToList();
        var installed = new List<(string Final, string? Backup)>();
        try
        {
            Directory.CreateDirectory(directory);
            for (var i = 0; i < files.Count; i++)
            {
                using var stream = new FileStream(staged[i].Temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                using var writer = new StreamWriter(stream, Utf8NoBom, 1 << 16);
                files[i].Write(writer);
            }

            foreach (var (temp, final) in staged)
            {
                // Set earlier results aside rather than overwrite them, so they can come back.
                string? backup = null;
                if (File.Exists(final))
                {
                    backup = final + suffix + ".old";
                    File.Move(final, backup);
                }

                installed.Add((final, backup));
                File.Move(temp, final);
            }

            foreach (var (_, backup) in installed)
            {
                TryDelete(backup);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            for (var i = installed.Count - 1; i >= 0; i--)
            {
                var (final, backup) = installed[i];
                if (File.Exists(staged[i].Temp) is false)
                {
                    TryDelete(final); // the new file made it into place: take it back
                }

                if (backup is not null)
                {
                    TryMove(backup, final);
                }
            }

            foreach (var (temp, _) in staged)
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

    private static void TryDelete(string? path)
    {
        try
        {
            if (path is not null)
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original error is the one worth reporting.
        }
    }

    private static void TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort, as above.
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
