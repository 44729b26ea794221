namespace Auditor.Core.Facts;

/// <summary>
/// The one redaction step every message and every report passes through: each known credential value (see
/// <see cref="KnownCredentials"/>) becomes <c>***</c>, credentials in any URI become <c>***</c>
/// (<see cref="UriCredentials"/>), and tokens of a well-known format are masked as <c>AKIA… (20 chars)</c>
/// (<see cref="SecretPatterns.MaskAll"/>). Known values shorter than <see cref="MinimumLength"/> characters are
/// not searched for: they would mask ordinary words.
/// </summary>
public sealed class SecretRedactor
{
    public const int MinimumLength = 6;

    private readonly string[] _known;
    private readonly System.Buffers.SearchValues<string> _anyKnown;

    public SecretRedactor(IEnumerable<string?> known)
    {
        _known = known.OfType<string>().Where(k => k.Length >= MinimumLength).Distinct(StringComparer.Ordinal)
            .OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToArray();
        _anyKnown = System.Buffers.SearchValues.Create(_known, StringComparison.Ordinal);
    }

    /// <summary>Masks secret-shaped values and credentials in URIs only; knows no values.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>How many values it searches for.</summary>
    public int KnownCount => _known.Length;

    /// <summary>A redactor that also knows <paramref name="more"/>.</summary>
    public SecretRedactor With(IEnumerable<string?> more) => new(_known.Concat(more));

    public string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var redacted = text;
        if (_known.Length > 0 && text.AsSpan().IndexOfAny(_anyKnown) >= 0)
        {
            foreach (var secret in _known)
            {
                redacted = redacted.Replace(secret, UriCredentials.Mark, StringComparison.Ordinal);
            }
        }

        return SecretPatterns.MaskAll(UriCredentials.Redact(redacted));
    }
}
