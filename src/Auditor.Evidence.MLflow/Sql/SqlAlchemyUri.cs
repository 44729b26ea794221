using Auditor.Core;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// MLflow's SQLAlchemy URI (<c>dialect[+driver]://user:password@host:port/database?key=value</c>) taken apart and
/// percent-decoded once, so every database server's connection string is built from the same reading of it.
/// Parts the URI leaves out are null, for the server's own environment variables to fill in.
/// </summary>
internal sealed record SqlAlchemyUri(string? User, string? Password, string? Host, int? Port, string? Database, IReadOnlyList<KeyValuePair<string, string>> Query)
{
    public static SqlAlchemyUri Parse(string uri)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var queryStart = rest.IndexOf('?');
        var query = queryStart >= 0 ? rest[(queryStart + 1)..] : "";
        rest = queryStart >= 0 ? rest[..queryStart] : rest;
        var at = rest.LastIndexOf('@');
        var userInfo = at >= 0 ? rest[..at] : "";
        rest = at >= 0 ? rest[(at + 1)..] : rest;
        var slash = rest.IndexOf('/');
        var hostPort = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? Uri.UnescapeDataString(rest[(slash + 1)..]) : "";

        var colon = userInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
        var password = colon >= 0 ? Uri.UnescapeDataString(userInfo[(colon + 1)..]) : null;

        var host = hostPort;
        int? port = null;
        var portColon = hostPort.LastIndexOf(':');
        if (portColon > 0 && !hostPort.EndsWith(']'))
        {
            host = hostPort[..portColon];
            port = int.TryParse(hostPort[(portColon + 1)..], out var number) ? number : throw new AuditInputException($"tracking URI {UriRedactor.Redact(uri)}: the port is not a number");
        }

        host = host.Trim('[', ']');
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.IndexOf('=') is var eq and >= 0
                ? KeyValuePair.Create(pair[..eq], Uri.UnescapeDataString(pair[(eq + 1)..]))
                : KeyValuePair.Create(pair, ""))
            .ToList();
        return new SqlAlchemyUri(NullIfEmpty(user), password, NullIfEmpty(host), port, NullIfEmpty(database), pairs);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
