using System.Security.Cryptography;
using System.Text;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// HMAC-SHA256 under the secret <c>Secrets:HashKey</c> (environment <c>Secrets__HashKey</c>), for
/// what is stored of a secret too small to survive a plain hash: an invitation code has 50 bits and
/// an answer body a few thousand possible values, so whoever holds a copy of the database could
/// try them all against SHA-256 in seconds. Without the key, which lives only in the app's
/// configuration, the stored hashes test nothing. The key is read and checked at start by
/// <see cref="Options.SecretsOptions"/>.
/// </summary>
public sealed class KeyedHash
{
    public const string Setting = "Secrets:HashKey";

    /// <summary>The key must hold at least this many bytes: HMAC-SHA256's full strength.</summary>
    public const int MinimumKeyBytes = 32;

    private readonly byte[] key;

    public KeyedHash(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"A hash key has at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        this.key = key;
    }

    /// <summary>HMAC-SHA256 of the text's UTF-8 as lower-case hex (64 characters).</summary>
    public string Hash(string text) => Hash(Encoding.UTF8.GetBytes(text));

    public string Hash(byte[] data) => Convert.ToHexStringLower(HMACSHA256.HashData(key, data));
}
