using System.Diagnostics;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>
/// Runs the tools change teams open our files with (R, Python), so a file is proved readable by
/// them and not only by the .NET code that wrote it. ./test.sh installs them from Debian's packages;
/// a missing tool fails the test with what to install, it is never skipped.
/// </summary>
public static class ExternalTool
{
    // Debian's python3, with python3-networkx and python3-openpyxl; a pyenv python3 earlier on PATH has neither.
    public const string Python = "/usr/bin/python3";

    public const string R = "Rscript";

    /// <summary>Runs a script with the tool and returns what it printed; fails with its error output otherwise.</summary>
    public static async Task<string> RunAsync(string tool, string script, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(tool == R ? "-e" : "-c");
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // R and Python read the script's Unicode role names as UTF-8 only in a UTF-8 locale.
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["LC_ALL"] = "C.UTF-8";
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing ({e.Message}): ./test.sh installs r-base-core, r-cran-igraph, python3-networkx and python3-openpyxl.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}\n{await output}");
        }
    }
}
