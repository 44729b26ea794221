using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// One throwaway PostgreSQL server for all PostgreSQL tests. Without PostgreSQL binaries the tests fail in CI
/// (<c>CI=true</c>) and return early with a printed message elsewhere.
/// </summary>
public sealed class PostgresServerFixture : IDisposable
{
    public PostgresServerFixture()
    {
        Server = PostgresServer.TryStart(out var reason);
        Reason = reason;
    }

    public PostgresServer? Server { get; }

    public string Reason { get; }

    /// <summary>The server, or null after saying why the test does not run; throws in CI.</summary>
    public PostgresServer? Require()
    {
        if (Server is not null)
        {
            return Server;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("PostgreSQL tests cannot run in CI: " + Reason);
        }

        Console.WriteLine("SKIPPED (PostgreSQL): " + Reason);
        return null;
    }

    public void Dispose() => Server?.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
