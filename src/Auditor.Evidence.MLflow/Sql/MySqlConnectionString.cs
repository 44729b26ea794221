using Auditor.Core;
using MySqlConnector;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Turns MLflow's SQLAlchemy URI (<c>mysql[+pymysql|+mysqldb]://user:password@host:port/db?options</c>) into a
/// MySqlConnector connection string. What the URI leaves out comes from the variables MySQL's own clients honour:
/// <c>MYSQL_HOST</c>, <c>MYSQL_TCP_PORT</c>, <c>MYSQL_UNIX_PORT</c> (a socket, when no host is given) and
/// <c>MYSQL_PWD</c>; the user defaults to the login name (<c>USER</c>, <c>LOGNAME</c>), as in MySQL's clients and PyMySQL.
/// </summary>
internal static class MySqlConnectionString
{
    public static MySqlConnectionStringBuilder Build(string uri, Func<string, string?> environment)
    {
        var parts = SqlAlchemyUri.Parse(uri);
        var builder = new MySqlConnectionStringBuilder
        {
            Pooling = false,
            ConnectionTimeout = 15,
            DefaultCommandTimeout = 300,
            ApplicationName = "mlaudit",
            // Ids are VARCHAR(32) or VARCHAR(36) text, never to be turned into GUIDs; no file leaves this machine.
            GuidFormat = MySqlGuidFormat.None,
            AllowLoadLocalInfile = false,
        };
        var (user, password, host, port, database, socket) = (parts.User, parts.Password, parts.Host, parts.Port, parts.Database, (string?)null);
        foreach (var (key, value) in parts.Query)
        {
            switch (key)
            {
                case "host": host = value; break;
                case "port" when int.TryParse(value, out var p): port = p; break;
                case "user": user = value; break;
                case "password" or "passwd": password = value; break;
                case "database" or "db": database = value; break;
                case "unix_socket": socket = value; break;
                case "ssl_ca": builder.SslCa = value; break;
                case "ssl_cert": builder.SslCert = value; break;
                case "ssl_key": builder.SslKey = value; break;
                case "ssl_mode" or "ssl-mode" when SslMode(value) is { } mode: builder.SslMode = mode; break;
                case "connect_timeout" when uint.TryParse(value, out var t): builder.ConnectionTimeout = t; break;
            }
        }

        host ??= environment("MYSQL_HOST");
        socket ??= host is null ? environment("MYSQL_UNIX_PORT") : null;
        if (socket is not null)
        {
            builder.ConnectionProtocol = MySqlConnectionProtocol.UnixSocket;
            builder.Server = socket;
        }
        else
        {
            builder.Server = host ?? "localhost";
            builder.Port = (uint)(port ?? (int.TryParse(environment("MYSQL_TCP_PORT"), out var envPort) ? envPort : 3306));
        }

        builder.UserID = user ?? environment("USER") ?? environment("LOGNAME") ?? "";
        builder.Password = password ?? environment("MYSQL_PWD") ?? "";
        builder.Database = database ?? throw new AuditInputException($"tracking URI {UriRedactor.Redact(uri)}: a MySQL URI names its database (mysql://user@host:port/database)");
        return builder;
    }

    /// <summary>MySQL's <c>--ssl-mode</c> names (<c>DISABLED</c> … <c>VERIFY_IDENTITY</c>) as MySqlConnector's modes.</summary>
    private static MySqlSslMode? SslMode(string value) => value.ToUpperInvariant().Replace('-', '_') switch
    {
        "DISABLED" => MySqlSslMode.Disabled,
        "PREFERRED" => MySqlSslMode.Preferred,
        "REQUIRED" => MySqlSslMode.Required,
        "VERIFY_CA" => MySqlSslMode.VerifyCA,
        "VERIFY_IDENTITY" => MySqlSslMode.VerifyFull,
        _ => null,
    };
}
