namespace Auditor.Core.Facts;

/// <summary>
/// <see cref="SecretPatterns.Classify"/> for one scan of a store, remembered per distinct value and per distinct key: a
/// store repeats the same param and tag values across thousands of runs, and each is judged once.
/// </summary>
internal sealed class SecretScanner
{
    private readonly Dictionary<string, string?> _valueKinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _secretKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _keyedSecrets = new(StringComparer.Ordinal);

    public string? Classify(string key, string value)
    {
        if (value.Length < 8)
        {
            return null;
        }

        if (!_valueKinds.TryGetValue(value, out var kind))
        {
            kind = SecretPatterns.ValueKind(value);
            _valueKinds[value] = kind;
        }

        if (kind is not null)
        {
            return kind;
        }

        if (!_secretKeys.TryGetValue(key, out var secretKey))
        {
            secretKey = SecretPatterns.IsSecretKey(key);
            _secretKeys[key] = secretKey;
        }

        if (!secretKey)
        {
            return null;
        }

        if (!_keyedSecrets.TryGetValue(value, out var keyed))
        {
            keyed = SecretPatterns.IsKeyedSecret(value);
            _keyedSecrets[value] = keyed;
        }

        return keyed ? SecretPatterns.KeyedKind : null;
    }
}
