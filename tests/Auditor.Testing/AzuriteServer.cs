using System.Globalization;
using Azure.Storage.Blobs;

namespace Auditor.Testing;

/// <summary>
/// Azurite's blob service (Microsoft's Azure Storage emulator, from npm) on 127.0.0.1 and a free port, with its
/// well-known development account; it checks Shared Key signatures itself. Clients use <see cref="ConnectionString"/>,
/// whose <c>BlobEndpoint</c> names the emulator.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    public const string Account = "devstoreaccount1";
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly NodeTool _azurite;

    private AzuriteServer(NodeTool azurite) => _azurite = azurite;

    /// <summary>Starts Azurite; null (test skipped) when it is not installed.</summary>
    public static AzuriteServer? StartForTests() =>
        NodeTool.StartForTests("azurite-blob", (port, folder) => ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture), "-l", folder, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry"]) is { } tool
            ? new AzuriteServer(tool) : null;

    public string ConnectionString(string? key = null) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key ?? Key};BlobEndpoint=http://127.0.0.1:{_azurite.Port}/{Account};";

    /// <summary>The environment a client needs: the connection string, no proxy for loopback.</summary>
    public Dictionary<string, string?> Variables(string? key = null) => new(StringComparer.Ordinal)
    {
        ["AZURE_STORAGE_CONNECTION_STRING"] = ConnectionString(key),
        ["NO_PROXY"] = "127.0.0.1,localhost",
    };

    /// <summary>Uploads every file under <paramref name="folder"/> into the container (created if need be).</summary>
    public void Upload(string container, string folder)
    {
        var client = new BlobServiceClient(ConnectionString()).GetBlobContainerClient(container);
        client.CreateIfNotExists();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            client.GetBlobClient(Path.GetRelativePath(folder, file).Replace('\\', '/')).Upload(file, overwrite: true);
        }
    }

    public void Dispose() => _azurite.Dispose();
}
