using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

using Microsoft.Playwright;

using Xunit;

namespace RelationalCoordination.Web.OutsideInTests;

// Where the app runs: the repository, free ports, PostgreSQL's programs and the local cluster's password.
public sealed partial class RunShApp
{
    /// <summary>The local cluster's superuser password, which run.sh keeps in the data folder.</summary>
    public string PostgresPassword => File.ReadAllText(Path.Combine(DataDirectory, "postgres", "password")).Trim();

    /// <summary>PostgreSQL's server programs, as scripts/postgres.sh finds them.</summary>
    public static string PostgresBin() => Environment.GetEnvironmentVariable("PG_BIN")
        ?? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : 0).Last();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "run.sh")) && File.Exists(Path.Combine(folder.FullName, "RelationalCoordination.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No repository (run.sh beside RelationalCoordination.sln) above {AppContext.BaseDirectory}.");
    }
}
