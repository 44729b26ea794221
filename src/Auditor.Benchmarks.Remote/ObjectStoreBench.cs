using System.Diagnostics;
using System.Globalization;
using Auditor.Testing;
using Microsoft.Data.Sqlite;

namespace Auditor.Benchmarks.Remote;

/// <summary>
/// A registry of <c>versions</c> model versions on s3rver, traced by a cold <c>mlaudit trace</c> process: a copy of the
/// <c>tracked-sqlite</c> fixture whose artifacts are uploaded to s3rver and whose locations are rewritten to <c>s3://</c>,
/// plus one registered model with that many versions, each with its own model folder (a copy of a fixture model's
/// files, uploaded straight to s3rver so the upload is not counted). Every trace goes through the tests' SigV4-checking
/// proxy, which counts the requests; prints the median wall time of the runs (after one warm-up run) and the requests per
/// model version and per model folder read; exits 1 when either is over three.
/// </summary>
internal static class ObjectStoreBench
{
    public static int Run(string mlaudit, int versions, int repeats)
    {
        using var s3 = S3Server.StartForTests() ?? throw new InvalidOperationException("s3rver is not installed in .tools/node_modules; run .ci/install");
        using var fixture = Fixture.Unpack("tracked-sqlite");
        using var copy = new TempFolder();
        var database = s3.UploadStore(fixture.Path, "bench", copy.Path);
        var (runId, modelFolder) = AModel(fixture.Path);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "INSERT INTO registered_models (name, creation_time, last_updated_time) VALUES ('bench-registry', 0, 0)");
            for (var v = 1; v <= versions; v++)
            {
                var location = $"s3://bench/registry/v{v}/model";
                Execute(connection, "INSERT INTO model_versions (name, version, creation_time, last_updated_time, current_stage, source, run_id, status, storage_location) " +
                                    $"VALUES ('bench-registry', {v}, {v}, {v}, 'None', '{location}', '{runId}', 'READY', '{location}')");
                foreach (var file in Directory.EnumerateFiles(modelFolder))
                {
                    s3.Put("bench", $"registry/v{v}/model/{Path.GetFileName(file)}", File.ReadAllBytes(file));
                }
            }
        }

        var project = Path.Combine(copy.Path, "project");
        Directory.CreateDirectory(project);
        var total = versions + 4; // the fixture's own four registered versions are traced too
        var times = new List<double>();
        var requests = new List<int>();
        var folders = 0;
        var registry = 0;
        for (var i = 0; i <= repeats; i++)
        {
            s3.Requests.Clear();
            var clock = Stopwatch.StartNew();
            var output = Trace(mlaudit, project, database, s3);
            clock.Stop();
            if (!output.Contains("bench-registry", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the trace does not list the benchmark's registry:\n" + output);
            }

            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalSeconds);
                requests.Add(s3.Requests.Count);
                folders = s3.Requests.Count(r => r.PathAndQuery.Contains("list-type=2", StringComparison.Ordinal));
                registry = s3.Requests.Count(r => r.PathAndQuery.Contains("/registry/", StringComparison.Ordinal) || r.PathAndQuery.Contains("prefix=registry", StringComparison.Ordinal));
            }
        }

        times.Sort();
        var median = times[times.Count / 2];
        var perVersion = (double)requests.Max() / total;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"object-store: {total} registered versions on s3rver (SigV4 proxy), cold 'mlaudit trace' x{repeats}: median {median:0.00} s (min {times[0]:0.00}, max {times[^1]:0.00}); {requests.Max()} requests in all ({perVersion:0.00} per registered version; the fixture's unregistered run models are read too): {folders} model folders listed ({(double)requests.Max() / folders:0.00} requests per folder), {registry} requests for the {versions} registry versions ({(double)registry / versions:0.00} each)"));
        return registry <= 3 * versions && requests.Max() <= 3 * folders ? 0 : 1;
    }

    private static string Trace(string mlaudit, string project, string database, S3Server s3)
    {
        var start = new ProcessStartInfo(mlaudit.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : mlaudit)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = project,
        };
        if (mlaudit.EndsWith(".dll", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(mlaudit);
        }

        foreach (var argument in new[] { "trace", project, "--tracking-uri", "sqlite:///" + database })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in s3.Variables())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output + error.Result;
    }

    /// <summary>The run and model folder of the fixture's first registered version.</summary>
    private static (string RunId, string Folder) AModel(string project)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(project, "mlflow.db")};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, source FROM model_versions ORDER BY name, version LIMIT 1";
        using var reader = command.ExecuteReader();
        reader.Read();
        var source = reader.GetString(1);
        var folder = Path.Combine(project, "mlruns", source[(source.IndexOf("/mlruns/", StringComparison.Ordinal) + 8)..]);
        return (reader.GetString(0), folder);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
