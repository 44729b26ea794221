using System.Diagnostics;
using System.Globalization;
using Auditor.Benchmarks.Remote;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow;
using Auditor.Evidence.MLflow.Rest;
using Auditor.Evidence.MLflow.Sql;
using Auditor.Testing;

// dotnet run -c Release --project src/Auditor.Benchmarks.Remote -- [runs=100000] [steps=5] [repeats=5] [pageSize=1000] [both|pg|mysql]
// dotnet run -c Release --project src/Auditor.Benchmarks.Remote -- object-store <mlaudit.dll> [versions=100] [repeats=5]
if (args.Length > 0 && args[0] == "object-store")
{
    return ObjectStoreBench.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5);
}

// ... -- serve <store> [pageSize=1000]   (bench/e2e.sh: serves a store over REST until standard input closes)
// ... -- page <uri> [pageSize=1000]      (bench/e2e.sh: the REST floor, a bare paging loop with 4 in flight)
if (args is ["serve", var served, ..])
{
    return RestEndToEnd.Serve(served, Arg(2, 1000));
}

if (args is ["page", var paged, ..])
{
    return RestEndToEnd.Page(paged, Arg(2, 1000));
}

var runs = Arg(0, 100_000);
var steps = Arg(1, 5);
var repeats = Arg(2, 5);
var pageSize = Arg(3, 1000);
var mode = args.Length > 4 ? args[4] : "both";
if (mode == "mysql")
{
    using var mysql = MySqlServer.TryStart(out var why) ?? throw new InvalidOperationException(why);
    mysql.CreateDatabase("bench");
    using (var fixture = Fixture.Unpack("tracked-sqlite"))
    {
        SqliteToMySql.Copy(Path.Combine(fixture.Path, "mlflow.db"), mysql.ConnectionString("bench"), schemaOnly: true);
    }

    var loadMySql = Stopwatch.StartNew();
    SyntheticMySqlRuns.Load(mysql.ConnectionString("bench"), runs, steps);
    Console.WriteLine($"loaded {runs:N0} runs ({runs * 5 * steps:N0} metric rows, {runs * 10:N0} params) into MariaDB 127.0.0.1:{mysql.Port} in {loadMySql.Elapsed.TotalSeconds:0.0} s");
    var mysqlUri = mysql.Uri("bench");
    TrackingStore? fromMySql = null;
    var my = Measure("MySQL", repeats, () => fromMySql = MySqlStoreReader.Read(mysqlUri, UriRedactor.Redact(mysqlUri), _ => null));
    Console.WriteLine(Line("MySQL (MariaDB)", fromMySql!, my));
    return 0;
}

var restToo = mode != "pg";

using var server = PostgresServer.TryStart(out var reason) ?? throw new InvalidOperationException(reason);
server.CreateDatabase("bench");
using (var fixture = Fixture.Unpack("tracked-sqlite"))
{
    SqliteToPostgres.Copy(Path.Combine(fixture.Path, "mlflow.db"), server.ConnectionString("bench"), schemaOnly: true);
}

var load = Stopwatch.StartNew();
SyntheticRuns.Load(server.ConnectionString("bench"), runs, steps);
Console.WriteLine($"loaded {runs:N0} runs ({runs * 5 * steps:N0} metric rows, {runs * 10:N0} params) into PostgreSQL 127.0.0.1:{server.Port} in {load.Elapsed.TotalSeconds:0.0} s");

var uri = server.Uri("bench");
TrackingStore? store = null;
var pg = Measure("PostgreSQL", repeats, () => store = PostgresStoreReader.Read(uri, UriRedactor.Redact(uri), _ => null));
Console.WriteLine(Line("PostgreSQL", store!, pg));
if (!restToo)
{
    return 0;
}

using var rest = new MlflowRestServer(store!, pageSize: pageSize, hasLoggedModelsEndpoint: true);
var options = new TrackingReadOptions { Variables = _ => null, PageSize = pageSize };
TrackingStore? fromRest = null;
var http = Measure("REST", repeats, () => fromRest = RestStoreReader.ReadAsync(rest.Uri, rest.Uri, options).GetAwaiter().GetResult());
Console.WriteLine(Line("REST", fromRest!, http) + $", {rest.Requests.Count / (repeats + 1)} requests per read (page size {pageSize}, 4 in flight; server in the same process)");
return 0;

static (List<double> Seconds, long AllocatedBytes, long PeakWorkingSet) Measure(string name, int repeats, Action read)
{
    read(); // warm-up
    var times = new List<double>();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    for (var i = 0; i < repeats; i++)
    {
        var clock = Stopwatch.StartNew();
        read();
        times.Add(clock.Elapsed.TotalSeconds);
    }

    allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / repeats;
    using var process = Process.GetCurrentProcess();
    return (times, allocated, process.PeakWorkingSet64);
}

static string Line(string name, TrackingStore store, (List<double> Seconds, long AllocatedBytes, long PeakWorkingSet) m)
{
    var sorted = m.Seconds.Order().ToList();
    var median = sorted[sorted.Count / 2];
    return string.Create(CultureInfo.InvariantCulture,
        $"{name}: {store.Runs.Count:N0} runs, {store.Runs.Sum(r => r.Metrics.Count):N0} metric summaries: median {median:0.00} s (min {sorted[0]:0.00}, max {sorted[^1]:0.00}, n={sorted.Count}), " +
        $"{m.AllocatedBytes / 1048576.0:0} MiB allocated per read, peak working set so far {m.PeakWorkingSet / 1048576.0:0} MiB");
}

int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var value) ? value : fallback;
