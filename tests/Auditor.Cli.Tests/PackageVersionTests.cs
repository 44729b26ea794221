using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// Slow (one clone and one <c>dotnet pack</c>): a tag in a temporary clone gives the package its version, the package
/// carries its metadata and no pdb, and the built tool's <c>--version</c> prints the tag.
/// </summary>
public sealed class PackageVersionTests
{
    [Fact]
    public async Task Pack_in_a_tagged_clone_gives_the_tag_version_metadata_and_no_pdb()
    {
        using var clone = new TempFolder();
        var source = Path.Combine(clone.Path, "src");
        GitCli.Run(clone.Path, "clone", "-q", "--no-hardlinks", TestPaths.RepositoryRoot, source);
        GitCli.Run(source, "-c", "user.name=t", "-c", "user.email=t@example.com", "tag", "-a", "v9.8.7", "-m", "v9.8.7");
        var output = Path.Combine(clone.Path, "pkg");

        var (code, log) = await Run(source, "pack", "src/Auditor.Cli", "-c", "Release", "-o", output, "--nologo");

        Assert.True(code == 0, log);
        var package = Path.Combine(output, "mlaudit.9.8.7.nupkg");
        Assert.True(File.Exists(package), string.Join(", ", Directory.EnumerateFiles(output).Select(Path.GetFileName)));
        using var zip = ZipFile.OpenRead(package);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
        using var nuspecStream = zip.GetEntry("mlaudit.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Field(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal("9.8.7", Field("version"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.Contains("mlops", Field("tags"));
        Assert.Contains("-o", Field("releaseNotes"));
        Assert.NotNull(Field("projectUrl"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal(GitCli.Run(source, "rev-parse", "HEAD").Trim(), (string?)repository.Attribute("commit"));

        var (versionCode, version) = await Run(source, Path.Combine(source, "src", "Auditor.Cli", "bin", "Release", "net10.0", "mlaudit.dll"), "--version");
        Assert.Equal(0, versionCode);
        Assert.Equal("9.8.7", version.Trim());
    }

    private static async Task<(int Code, string Output)> Run(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }
}
