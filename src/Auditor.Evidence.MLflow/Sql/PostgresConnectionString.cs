using Auditor.Core;
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
        var redacted = UriRedactor.Redact(uri);
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var queryStart = rest.IndexOf('?');
        var query = queryStart >= 0 ? rest[(queryStart + 1)..] : "";
        rest = queryStart >= 0 ? rest[..queryStart] : rest;
        var at = rest.LastIndexOf('@');
        var userInfo = at >= 0 ? rest[..at] : null;
        rest = at >= 0 ? rest[(at + 1)..] : rest;
        var slash = rest.IndexOf('/');
        var hostPort = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? Uri.UnescapeDataString(rest[(slash + 1)..]) : "";

        var builder = new NpgsqlConnectionStringBuilder
        {
            Pooling = false,
            Timeout = 15,
            CommandTimeout = 300,
            ApplicationName = "mlaudit",
        };
        if (userInfo is not null)
        {
            var colon = userInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        if (hostPort.Length > 0)
        {
            var portColon = hostPort.LastIndexOf(':');
            if (portColon > 0 && !hostPort.EndsWith(']'))
            {
                builder.Host = hostPort[..portColon].Trim('[', ']');
                builder.Port = int.TryParse(hostPort[(portColon + 1)..], out var port) ? port : throw new AuditInputException($"tracking URI {redacted}: the port is not a number");
            }
            else
            {
                builder.Host = hostPort.Trim('[', ']');
            }
        }

        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = eq >= 0 ? pair[..eq] : pair;
            var value = eq >= 0 ? Uri.UnescapeDataString(pair[(eq + 1)..]) : "";
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
        var portGiven = (hostPort.LastIndexOf(':') > 0 && !hostPort.EndsWith(']')) || query.Contains("port=", StringComparison.Ordinal);
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
