using System.Security.Cryptography;
using System.Text;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// The app's bearer secrets — membership invitations, API tokens, results links, resume codes:
/// made at random, and stored only as a hash, so a copy of the database opens nothing.
/// </summary>
public static class Secrets
{
    /// <summary>A URL-safe random token of <paramref name="bytes"/> random bytes.</summary>
    public static string NewToken(int bytes = 32) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 as lower-case hex: what is stored of a secret.</summary>
    public static string Hash(string secret) => Hash(Encoding.UTF8.GetBytes(secret));

    public static string Hash(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
