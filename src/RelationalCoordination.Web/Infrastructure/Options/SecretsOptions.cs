using Microsoft.Extensions.Options;

namespace RelationalCoordination.Web.Infrastructure.Options;

/// <summary>
/// The "Secrets" settings: <c>Secrets:HashKey</c> (environment <c>Secrets__HashKey</c>), the key of
/// the <see cref="KeyedHash"/>, the base64 of at least <see cref="KeyedHash.MinimumKeyBytes"/>
/// bytes. The app does not start without it in any environment (Development reads one from
/// appsettings.Development.json), since hashes made with a missing or guessable key would have to
/// be thrown away later.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    public string? HashKey { get; set; }

    /// <summary>The key's bytes; only once <see cref="Validator"/> has found no problem.</summary>
    public byte[] KeyBytes() => Read(HashKey, out _) ?? throw new InvalidOperationException($"{KeyedHash.Setting} has not been checked.");

    private static byte[]? Read(string? setting, out string? problem)
    {
        var text = setting?.Trim();
        const string Make = "make one with: head -c 32 /dev/urandom | base64";
        if (string.IsNullOrEmpty(text))
        {
            problem = $"No hash key is configured: set Secrets__HashKey to the base64 of at least {KeyedHash.MinimumKeyBytes} random bytes ({Make}; ./run.sh keeps one in its data folder).";
            return null;
        }

        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            problem = $"Secrets__HashKey is not base64: it must be the base64 of at least {KeyedHash.MinimumKeyBytes} random bytes ({Make}).";
            return null;
        }

        problem = length < KeyedHash.MinimumKeyBytes
            ? $"Secrets__HashKey holds {length} bytes: it must be the base64 of at least {KeyedHash.MinimumKeyBytes} random bytes ({Make})."
            : null;
        return problem is null ? bytes[..length] : null;
    }

    public sealed class Validator : IValidateOptions<SecretsOptions>
    {
        public ValidateOptionsResult Validate(string? name, SecretsOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return Read(options.HashKey, out var problem) is null ? ValidateOptionsResult.Fail(problem!) : ValidateOptionsResult.Success;
        }
    }
}
