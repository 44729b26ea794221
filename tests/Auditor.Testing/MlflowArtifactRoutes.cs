using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Auditor.Core.Tracking;

namespace Auditor.Testing;

/// <summary>
/// The artifact endpoints of the stand-in MLflow server, serving files from local folders as a real server reads its
/// artifact repository (mlflow/server/handlers.py): listings in the shape of the recorded <c>artifacts-list.json</c>
/// (paths relative to the tree's root, sorted, <c>file_size</c> for files only), files sent as attachments with
/// MLflow's headers, and a missing file answered with 500 (the local repository raises OSError, which no handler turns
/// into a 404). Recorded locations map to <see cref="ArtifactRoot"/> by the part after <c>mlruns</c>, and
/// <c>mlflow-artifacts:/&lt;path&gt;</c> to <c>&lt;root&gt;/&lt;path&gt;</c>.
/// </summary>
public sealed class MlflowArtifactRoutes(TrackingStore store, string? artifactRoot, bool hasLoggedModelsEndpoint)
{
    private const string LoggedModels = "/api/2.0/mlflow/logged-models/";
    private const string LoggedModelFiles = "/ajax-api/2.0/mlflow/logged-models/";
    private const string Proxied = "/api/2.0/mlflow-artifacts/artifacts";

    public string? ArtifactRoot { get; } = artifactRoot;

    /// <summary>Whether listings carry <c>file_size</c> (some artifact repositories do not know it).</summary>
    public bool ReportsFileSizes { get; set; } = true;

    /// <summary>Answers an artifact request; false when the path is not one of the artifact endpoints.</summary>
    public bool TryHandle(HttpListenerContext context, string path)
    {
        var query = context.Request.QueryString;
        switch (path)
        {
            case "/api/2.0/mlflow/artifacts/list":
                WithRun(context, query["run_id"] ?? query["run_uuid"], run => List(context, run.ArtifactUri, query["path"], withRoot: true));
                return true;
            case "/get-artifact":
                WithRun(context, query["run_id"] ?? query["run_uuid"], run => Send(context, Local(run.ArtifactUri), query["path"]));
                return true;
            case Proxied:
                List(context, "mlflow-artifacts:/", query["path"], withRoot: false);
                return true;
        }

        if (path.StartsWith(Proxied + "/", StringComparison.Ordinal))
        {
            Send(context, ArtifactRoot, Uri.UnescapeDataString(path[(Proxied.Length + 1)..]));
            return true;
        }

        if (hasLoggedModelsEndpoint && path.StartsWith(LoggedModels, StringComparison.Ordinal) && path.EndsWith("/artifacts/directories", StringComparison.Ordinal))
        {
            var id = Uri.UnescapeDataString(path[LoggedModels.Length..^"/artifacts/directories".Length]);
            WithModel(context, id, model => List(context, model.ArtifactLocation, query["artifact_directory_path"], withRoot: true));
            return true;
        }

        if (hasLoggedModelsEndpoint && path.StartsWith(LoggedModelFiles, StringComparison.Ordinal) && path.EndsWith("/artifacts/files", StringComparison.Ordinal))
        {
            var id = Uri.UnescapeDataString(path[LoggedModelFiles.Length..^"/artifacts/files".Length]);
            if (string.IsNullOrEmpty(query["artifact_file_path"]))
            {
                MlflowRestServer.Reply(context, 400, """{"error_code": "BAD_REQUEST", "message": "Request must include the \"artifact_file_path\" query parameter."}""");
                return true;
            }

            WithModel(context, id, model => Send(context, Local(model.ArtifactLocation), query["artifact_file_path"]));
            return true;
        }

        return false;
    }

    private void WithRun(HttpListenerContext context, string? id, Action<Run> answer)
    {
        if (store.Runs.FirstOrDefault(r => r.Id == id) is { } run)
        {
            answer(run);
            return;
        }

        MlflowRestServer.Reply(context, 404, $$"""{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run with id={{id}} not found"}""");
    }

    private void WithModel(HttpListenerContext context, string id, Action<LoggedModel> answer)
    {
        if (store.LoggedModels.FirstOrDefault(m => m.Id == id && m.Lifecycle == Lifecycle.Active) is { } model)
        {
            answer(model);
            return;
        }

        MlflowRestServer.Reply(context, 404, $$"""{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Logged model with ID '{{id}}' not found."}""");
    }

    /// <summary>A folder's entries; the proxied listing names them by basename and has no root_uri.</summary>
    private void List(HttpListenerContext context, string? rootUri, string? relative, bool withRoot)
    {
        if (!Safe(relative))
        {
            MlflowRestServer.Reply(context, 400, """{"error_code": "INVALID_PARAMETER_VALUE", "message": "Invalid path"}""");
            return;
        }

        var root = Local(rootUri);
        var folder = root is null ? null : string.IsNullOrEmpty(relative) ? root : Path.Combine(root, relative);
        var files = new JsonArray();
        if (folder is not null && Directory.Exists(folder))
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var name = withRoot && !string.IsNullOrEmpty(relative) ? relative.TrimEnd('/') + "/" + entry.Name : entry.Name;
                var item = new JsonObject { ["path"] = name, ["is_dir"] = entry is DirectoryInfo };
                if (entry is FileInfo file && ReportsFileSizes)
                {
                    item["file_size"] = file.Length;
                }

                files.Add(item);
            }
        }

        var answer = new JsonObject();
        if (withRoot)
        {
            answer["root_uri"] = rootUri;
        }

        if (files.Count > 0)
        {
            answer["files"] = files;
        }

        MlflowRestServer.Reply(context, 200, answer.ToJsonString());
    }

    private static void Send(HttpListenerContext context, string? root, string? relative)
    {
        var file = root is null || !Safe(relative) || string.IsNullOrEmpty(relative) ? null : Path.Combine(root, relative);
        if (file is null || !File.Exists(file))
        {
            var html = Encoding.UTF8.GetBytes("<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n");
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = html.Length;
            context.Response.OutputStream.Write(html);
            context.Response.Close();
            return;
        }

        var bytes = File.ReadAllBytes(file);
        var name = Path.GetFileName(file);
        context.Response.StatusCode = 200;
        context.Response.ContentType = MimeType(name);
        context.Response.Headers["Content-Disposition"] = $"attachment; filename={name}";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    /// <summary>mlflow/utils/mime_type_utils.py <c>_guess_mime_type</c> for the files a model folder holds.</summary>
    private static string MimeType(string name)
    {
        var extension = Path.GetExtension(name).TrimStart('.');
        return (extension.Length == 0 ? name : extension) switch
        {
            "txt" or "yaml" or "yml" or "json" or "py" or "MLmodel" or "MLproject" => "text/plain",
            _ => "application/octet-stream",
        };
    }

    /// <summary>A recorded location on this "server": <c>mlflow-artifacts:</c> under the root, else the part after <c>mlruns</c>.</summary>
    private string? Local(string? uri)
    {
        if (uri is null || ArtifactRoot is null)
        {
            return null;
        }

        if (uri.StartsWith("mlflow-artifacts:", StringComparison.Ordinal))
        {
            return Path.Combine(ArtifactRoot, uri["mlflow-artifacts:".Length..].TrimStart('/'));
        }

        var segments = uri.Replace('\\', '/').Split('/');
        var mlruns = Array.LastIndexOf(segments, "mlruns");
        return mlruns < 0 ? null : Path.Combine([ArtifactRoot, .. segments[(mlruns + 1)..]]);
    }

    private static bool Safe(string? path) => path is null || !path.Split('/').Contains("..");
}
