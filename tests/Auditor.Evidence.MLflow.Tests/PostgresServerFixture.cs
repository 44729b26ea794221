using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// One throwaway PostgreSQL server for all PostgreSQL tests. Without PostgreSQL binaries the tests fail in CI
/// (<c>CI=true</c>) and return early with a printed message elsewhere.
/// </summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly Lazy<PostgresServer?> _server = new(PostgresServer.StartForTests);

    /// <summary>The server, or null after saying why the test does not run; throws in CI.</summary>
    public PostgresServer? Require() => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value?.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
