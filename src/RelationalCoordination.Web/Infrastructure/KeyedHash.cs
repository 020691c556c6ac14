using System.Security.Cryptography;
using System.Text;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// HMAC-SHA256 under the secret <c>Secrets:HashKey</c> (environment <c>Secrets__HashKey</c>), for
/// what is stored of a secret too small to survive a plain hash: an invitation code has 50 bits and
/// an answer body a few thousand possible values, so whoever holds a copy of the database could
/// try them all against SHA-256 in seconds. Without the key, which lives only in the app's
/// configuration, the stored hashes test nothing.
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

    /// <summary>
    /// The key of the configuration, or a <see cref="StartupProblem"/> naming the setting: the app
    /// does not start without it in any environment (Development reads one from
    /// appsettings.Development.json), since hashes made with a missing or guessable key would have
    /// to be thrown away later.
    /// </summary>
    public static KeyedHash FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Setting]?.Trim();
        const string Make = "make one with: head -c 32 /dev/urandom | base64";
        if (string.IsNullOrEmpty(text))
        {
            throw new StartupProblem($"No hash key is configured: set Secrets__HashKey to the base64 of at least {MinimumKeyBytes} random bytes ({Make}; ./run.sh keeps one in its data folder).");
        }

        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            throw new StartupProblem($"Secrets__HashKey is not base64: it must be the base64 of at least {MinimumKeyBytes} random bytes ({Make}).");
        }

        if (length < MinimumKeyBytes)
        {
            throw new StartupProblem($"Secrets__HashKey holds {length} bytes: it must be the base64 of at least {MinimumKeyBytes} random bytes ({Make}).");
        }

        return new KeyedHash(bytes[..length]);
    }

    /// <summary>HMAC-SHA256 of the text's UTF-8 as lower-case hex (64 characters).</summary>
    public string Hash(string text) => Hash(Encoding.UTF8.GetBytes(text));

    public string Hash(byte[] data) => Convert.ToHexStringLower(HMACSHA256.HashData(key, data));
}
