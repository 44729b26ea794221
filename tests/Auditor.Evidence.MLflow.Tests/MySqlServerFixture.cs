using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// One throwaway MariaDB server for all MySQL tests. Without MariaDB binaries the tests fail in CI (<c>CI=true</c>)
/// and return early with a printed message elsewhere.
/// </summary>
public sealed class MySqlServerFixture : IDisposable
{
    private readonly Lazy<MySqlServer?> _server = new(MySqlServer.StartForTests);

    /// <summary>The server, or null after saying why the test does not run; throws in CI.</summary>
    public MySqlServer? Require() => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value?.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MySqlCollection : ICollectionFixture<MySqlServerFixture>
{
    public const string Name = "MySQL server";
}
