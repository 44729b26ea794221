using System.Globalization;
using System.Text;
using Auditor.Core.Facts;

namespace Auditor.Reporting;

/// <summary>
/// A writer for standard output or standard error that makes every line safe before it reaches the terminal or a
/// CI log: credentials redacted (<see cref="SecretRedactor"/>), control, escape and bidi characters shown
/// (<see cref="TerminalText.CleanLine"/>). It holds a line until its end (or <see cref="Flush"/>), so no caller can
/// forget and no secret is split across writes. Numbers and dates it formats are invariant.
/// </summary>
public sealed class TerminalWriter(TextWriter inner, SecretRedactor redactor) : TextWriter(CultureInfo.InvariantCulture)
{
    private readonly StringBuilder _line = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_lock)
        {
            Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var c in value)
            {
                Append(c);
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

    public override void Flush()
    {
        lock (_lock)
        {
            if (_line.Length > 0)
            {
                inner.Write(Safe(_line.ToString()));
                _line.Clear();
            }

            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void Append(char c)
    {
        if (c != '\n')
        {
            _line.Append(c);
            return;
        }

        var line = _line.Length > 0 && _line[^1] == '\r' ? _line.ToString(0, _line.Length - 1) : _line.ToString();
        _line.Clear();
        inner.WriteLine(Safe(line));
    }

    private string Safe(string line) => TerminalText.CleanLine(redactor.Redact(line));
}
