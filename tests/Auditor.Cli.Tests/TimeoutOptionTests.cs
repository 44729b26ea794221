using Auditor.Cli.Commands;
using Auditor.Core;

namespace Auditor.Cli.Tests;

public sealed class TimeoutOptionTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("2.5", 2.5)]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("10min", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData(" 1H ", 3600)]
    public void Seconds_and_durations_are_read(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TimeoutOption.Parse(text, "--timeout"));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("ten")]
    [InlineData("5d")]
    [InlineData("m")]
    public void Anything_else_is_a_usage_error(string text) =>
        Assert.Contains("not a duration", Assert.Throws<AuditInputException>(() => TimeoutOption.Parse(text, "--timeout")).Message, StringComparison.Ordinal);
}
