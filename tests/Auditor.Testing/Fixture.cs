using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Auditor.Testing;

/// <summary>
/// A real MLflow fixture (see tests/TestData/fixtures/MANIFEST.md) unpacked into a temporary folder.
/// Each archive holds one top-level folder named like the archive.
/// </summary>
public sealed class Fixture : IDisposable
{
    private readonly TempFolder _folder = new();

    private Fixture(string name)
    {
        Name = name;
        using var file = File.OpenRead(System.IO.Path.Combine(TestPaths.Fixtures, name + ".tar.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gzip, _folder.Path, overwriteFiles: false);
        Path = System.IO.Path.Combine(_folder.Path, name);
    }

    public string Name { get; }

    /// <summary>The unpacked project folder.</summary>
    public string Path { get; }

    public static Fixture Unpack(string name) => new(name);

    /// <summary>The ground truth MLflow's own client read back: expected/&lt;name&gt;.inventory.json.</summary>
    public static JsonElement Expected(string name)
    {
        using var stream = File.OpenRead(System.IO.Path.Combine(TestPaths.Fixtures, "expected", name + ".inventory.json"));
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public void Dispose() => _folder.Dispose();
}
