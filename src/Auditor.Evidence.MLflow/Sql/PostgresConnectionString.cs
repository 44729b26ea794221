using Npgsql;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Turns MLflow's SQLAlchemy URI (<c>postgresql[+driver]://user:password@host:port/db?options</c>) into an Npgsql
/// connection string. What the URI leaves out comes from the libpq variables (<c>PGHOST</c>, <c>PGPORT</c>,
/// <c>PGUSER</c>, <c>PGPASSWORD</c>, <c>PGDATABASE</c>, <c>PGPASSFILE</c>), read through the given function.
/// </summary>
internal static class PostgresConnectionString
{
    public static NpgsqlConnectionStringBuilder Build(string uri, Func<string, string?> environment)
    {
        var parts = SqlAlchemyUri.Parse(uri);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Pooling = false,
            Timeout = 15,
            CommandTimeout = 300,
            ApplicationName = "mlaudit",
            Username = parts.User,
            Password = parts.Password,
            Host = parts.Host,
            Database = parts.Database,
        };
        if (parts.Port is { } uriPort)
        {
            builder.Port = uriPort;
        }

        foreach (var (key, value) in parts.Query)
        {
            switch (key)
            {
                case "host": builder.Host = value; break;
                case "port" when int.TryParse(value, out var p): builder.Port = p; break;
                case "user": builder.Username = value; break;
                case "password": builder.Password = value; break;
                case "dbname": builder.Database = value; break;
                case "sslmode" when Enum.TryParse<SslMode>(value.Replace("-", ""), ignoreCase: true, out var mode): builder.SslMode = mode; break;
                case "sslrootcert": builder.RootCertificate = value; break;
                case "connect_timeout" when int.TryParse(value, out var t): builder.Timeout = t; break;
            }
        }

        builder.Host ??= environment("PGHOST") ?? "localhost";
        var portGiven = parts.Port is not null || parts.Query.Any(p => p.Key == "port");
        if (!portGiven && int.TryParse(environment("PGPORT"), out var envPort))
        {
            builder.Port = envPort;
        }

        builder.Username ??= environment("PGUSER") ?? environment("USER");
        builder.Password ??= environment("PGPASSWORD");
        builder.Database ??= environment("PGDATABASE") ?? builder.Username;
        if (builder.Password is null && environment("PGPASSFILE") is { } passfile)
        {
            builder.Passfile = passfile;
        }

        return builder;
    }
}
