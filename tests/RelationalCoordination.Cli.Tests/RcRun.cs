namespace RelationalCoordination.Cli.Tests;

/// <summary>One run of <c>rc</c> in-process: exit code, stdout and stderr.</summary>
internal sealed record RcRun(int ExitCode, string Stdout, string Stderr)
{
    public static RcRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return new RcRun(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A fresh directory under the system temp folder, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rc-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        System.IO.File.WriteAllText(File(name), text);
        return File(name);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
