using System.Text;
using Auditor.Core.Tracking;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Summarises the metric history of a SQLite store by reading the table once in storage (rowid) order. A GROUP BY
/// over the history makes SQLite sort every point in a temporary B-tree, which costs several times the scan itself;
/// in-process there is nothing to push down to, so the points are folded here, in rowid ranges read in parallel on
/// separate connections (both cores) and merged in order. Rows are read through SQLite's statement API, so a point's
/// run id and key are matched from the row's bytes without allocating strings. The latest value follows MLflow's
/// own rule (greatest step, timestamp, stored value: what it writes to <c>latest_metrics</c>), so every schema
/// generation, including those before that table, reads the same way.
/// </summary>
/// <param name="databasePath">The database, opened read-only once for the bounds and once per range.</param>
/// <param name="maxParts">Rowid ranges read at once; the processor count by default.</param>
internal sealed class SqliteMetricScan(SqlSchema schema, string databasePath, StringPool pool, int? maxParts = null) : IMetricSummaries
{
    /// <summary>Below this many points a second connection costs more than it saves.</summary>
    private const long MinPointsPerPart = 50_000;

    /// <summary>From this many metric histories (about 20 MB of scan state) the scan's garbage is collected at once.</summary>
    private const int CollectAfterHistories = 200_000;

    private int Parallelism => Math.Max(1, maxParts ?? Environment.ProcessorCount);

    public Task<Dictionary<string, IReadOnlyDictionary<string, MetricSummary>>> Start() => Task.Run(Read);

    private Dictionary<string, IReadOnlyDictionary<string, MetricSummary>> Read()
    {
        using var connection = SqliteConnectionFactory.OpenReadOnly(databasePath);
        var parts = Ranges(connection)
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Parallelism)
            .Select(range => Scan(range))
            .ToList();

        var runs = parts.Count == 0 ? [] : parts[0];
        foreach (var part in parts.Skip(1))
        {
            foreach (var (id, later) in part)
            {
                if (runs.TryGetValue(id, out var earlier))
                {
                    earlier.Append(later);
                }
                else
                {
                    runs[id] = later;
                }
            }
        }

        RecountOutOfOrderSteps(connection, runs.Values);
        var summaries = new Dictionary<string, IReadOnlyDictionary<string, MetricSummary>>(runs.Count, StringComparer.Ordinal);
        var histories = 0;
        foreach (var (id, run) in runs)
        {
            var built = run.Build();
            summaries[id] = built;
            histories += built.Count;
        }

        // The scan's state (about a hundred bytes per history, long-lived enough to reach the oldest generation)
        // is garbage from here on; collecting it now keeps the reader's peak near what it holds, not twice that.
        // Below some tens of megabytes a blocking collection costs more time than the memory is worth.
        runs.Clear();
        if (histories >= CollectAfterHistories)
        {
            GC.Collect();
        }

        return summaries;
    }

    /// <summary>Rowid ranges of about equal size, one per core; one unbounded range for a table without rowids.</summary>
    private IReadOnlyList<(long From, long To)?> Ranges(SqliteConnection connection)
    {
        long first, last;
        try
        {
            // Two subqueries: SQLite answers a lone MIN or MAX of the rowid from the B-tree's ends, but a query with
            // both scans the whole table (a tenth of a second on a million points).
            var bounds = SqlRows.Query(connection, "SELECT (SELECT MIN(rowid) FROM metrics), (SELECT MAX(rowid) FROM metrics)", r => (r.Long(0), r.Long(1))).Single();
            if (bounds is not (long low, long high))
            {
                return [];
            }

            (first, last) = (low, high);
        }
        catch (SqliteException)
        {
            return [null];
        }

        var parts = (int)Math.Clamp((last - first + 1) / MinPointsPerPart, 1, Parallelism);
        var size = (last - first + parts) / parts;
        return Enumerable.Range(0, parts).Select(i => ((long, long)?)(first + (i * size), Math.Min(last, first + ((i + 1) * size) - 1))).ToList();
    }

    private Dictionary<string, RunMetricSeries> Scan((long From, long To)? range)
    {
        using var connection = SqliteConnectionFactory.OpenScan(databasePath);
        var step = SqlRows.ColumnOr(schema, "metrics", "step", "0");
        var isNan = SqlRows.ColumnOr(schema, "metrics", "is_nan", "0");
        var where = range is null ? "" : " WHERE rowid BETWEEN ?1 AND ?2";
        var sql = $"SELECT run_uuid, \"key\", \"value\", {step}, \"timestamp\", {isNan} FROM metrics{where}";

        var runs = new Dictionary<string, RunMetricSeries>(StringComparer.Ordinal);
        var keys = new RunMetricSeries.KeyText(pool);
        using var statement = new SqliteStatement(connection, sql);
        if (range is var (from, to))
        {
            statement.Bind(1, from);
            statement.Bind(2, to);
        }

        // Points of one run are stored together: the run is looked up only when the row's run id bytes change.
        var currentId = new byte[64];
        var currentLength = -1;
        RunMetricSeries? current = null;
        while (statement.Step())
        {
            var run = statement.Utf8(0);
            if (current is null || !run.SequenceEqual(currentId.AsSpan(0, currentLength)))
            {
                current = Run(runs, run);
                if (run.Length > currentId.Length)
                {
                    currentId = new byte[run.Length];
                }

                run.CopyTo(currentId);
                currentLength = run.Length;
            }

            current.Get(statement.Utf8(1), keys).Add(statement.Double(2), statement.Int64(3), statement.Int64(4), statement.Int64(5) != 0);
        }

        return runs;
    }

    private RunMetricSeries Run(Dictionary<string, RunMetricSeries> runs, ReadOnlySpan<byte> utf8)
    {
        var id = pool.Get(utf8);
        return runs.TryGetValue(id, out var known) ? known : runs[id] = new RunMetricSeries(id);
    }

    /// <summary>Exact distinct step counts for the (rare) histories whose steps were not stored in order.</summary>
    private static void RecountOutOfOrderSteps(SqliteConnection connection, IEnumerable<RunMetricSeries> runs)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT step) FROM metrics WHERE run_uuid = $run AND \"key\" = $key";
        var run = command.Parameters.Add("$run", SqliteType.Text);
        var key = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var (id, one) in runs.SelectMany(r => r.Series.Where(s => !s.InStepOrder).Select(s => (r.Run, s))))
        {
            (run.Value, key.Value) = (id, one.Key);
            one.DistinctSteps = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
