using System.Text;
using Auditor.Core.Tracking;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>
/// Summarises the metric history of a SQLite store by reading the table once in storage (rowid) order. A GROUP BY
/// over the history makes SQLite sort every point in a temporary B-tree, which costs several times the scan itself;
/// in-process there is nothing to push down to, so the points are folded here, in rowid ranges read in parallel on
/// separate connections (both cores) and merged in order. Rows are read through SQLite's statement API, so a point's
/// run id and key are looked up from the row's bytes without allocating strings. The latest value follows MLflow's
/// own rule (greatest step, timestamp, stored value: what it writes to <c>latest_metrics</c>), so every schema
/// generation, including those before that table, reads the same way.
/// </summary>
/// <param name="maxParts">Rowid ranges read at once; the processor count by default.</param>
internal sealed class SqliteMetricScan(SqlSchema schema, Func<SqliteConnection> open, StringPool pool, int? maxParts = null) : IMetricSummaries
{
    /// <summary>Below this many points a second connection costs more than it saves.</summary>
    private const long MinPointsPerPart = 50_000;

    private int Parallelism => Math.Max(1, maxParts ?? Environment.ProcessorCount);

    public Task<Dictionary<string, IReadOnlyDictionary<string, MetricSummary>>> Start() => Task.Run(Read);

    private Dictionary<string, IReadOnlyDictionary<string, MetricSummary>> Read()
    {
        using var connection = open();
        var parts = Ranges(connection)
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Parallelism)
            .Select(range => Scan(range))
            .ToList();

        var series = parts.Count == 0 ? [] : parts[0];
        foreach (var part in parts.Skip(1))
        {
            foreach (var (id, later) in part)
            {
                if (series.TryGetValue(id, out var earlier))
                {
                    earlier.Append(later);
                }
                else
                {
                    series[id] = later;
                }
            }
        }

        RecountOutOfOrderSteps(connection, series.Values.Where(s => !s.InStepOrder));
        return series.Values
            .GroupBy(s => s.Run, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, MetricSummary>)new CompactMap<MetricSummary>(
                    g.Select(s => new KeyValuePair<string, MetricSummary>(s.Key, s.Build())).ToList()),
                StringComparer.Ordinal);
    }

    /// <summary>Rowid ranges of about equal size, one per core; one unbounded range for a table without rowids.</summary>
    private IReadOnlyList<(long From, long To)?> Ranges(SqliteConnection connection)
    {
        long first, last;
        try
        {
            var bounds = SqlRows.Query(connection, "SELECT MIN(rowid), MAX(rowid) FROM metrics", r => (r.Long(0), r.Long(1))).Single();
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

    private Dictionary<string, MetricSeries> Scan((long From, long To)? range)
    {
        using var connection = open();
        var step = SqlRows.ColumnOr(schema, "metrics", "step", "0");
        var isNan = SqlRows.ColumnOr(schema, "metrics", "is_nan", "0");
        var where = range is null ? "" : " WHERE rowid BETWEEN ?1 AND ?2";
        var sql = $"SELECT run_uuid, \"key\", \"value\", {step}, \"timestamp\", {isNan} FROM metrics{where}";

        var series = new Dictionary<string, MetricSeries>(StringComparer.Ordinal);
        var lookup = series.GetAlternateLookup<ReadOnlySpan<char>>();
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            if (range is var (from, to))
            {
                Check(db, raw.sqlite3_bind_int64(statement, 1, from));
                Check(db, raw.sqlite3_bind_int64(statement, 2, to));
            }

            Span<char> id = stackalloc char[512];
            int result;
            while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var run = raw.sqlite3_column_blob(statement, 0);
                var key = raw.sqlite3_column_blob(statement, 1);
                var length = SeriesId(run, key, id);
                var current = length >= 0 && lookup.TryGetValue(id[..length], out var found) ? found : Add(series, run, key);
                current.Add(
                    raw.sqlite3_column_double(statement, 2),
                    raw.sqlite3_column_int64(statement, 3),
                    raw.sqlite3_column_int64(statement, 4),
                    raw.sqlite3_column_int64(statement, 5) != 0);
            }

            if (result != raw.SQLITE_DONE)
            {
                Check(db, result);
            }
        }

        return series;
    }

    private MetricSeries Add(Dictionary<string, MetricSeries> series, ReadOnlySpan<byte> runBytes, ReadOnlySpan<byte> keyBytes)
    {
        var run = pool.Get(Encoding.UTF8.GetString(runBytes));
        var key = pool.Get(Encoding.UTF8.GetString(keyBytes));
        var id = SeriesId(run, key);
        return series.TryGetValue(id, out var existing) ? existing : series[id] = new MetricSeries(run, key);
    }

    /// <summary>Exact distinct step counts for the (rare) histories whose steps were not stored in order.</summary>
    private static void RecountOutOfOrderSteps(SqliteConnection connection, IEnumerable<MetricSeries> series)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT step) FROM metrics WHERE run_uuid = $run AND \"key\" = $key";
        var run = command.Parameters.Add("$run", SqliteType.Text);
        var key = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var one in series)
        {
            (run.Value, key.Value) = (one.Run, one.Key);
            one.DistinctSteps = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Run id and key joined by a character neither can contain (run ids are hex; keys are printable).</summary>
    private static string SeriesId(string run, string key) => string.Concat(run, "\n", key);

    /// <summary>Writes the series id of UTF-8 run and key into <paramref name="buffer"/>; -1 when it does not fit.</summary>
    private static int SeriesId(ReadOnlySpan<byte> run, ReadOnlySpan<byte> key, Span<char> buffer)
    {
        if (run.Length + key.Length + 1 > buffer.Length)
        {
            return -1;
        }

        var written = Encoding.UTF8.GetChars(run, buffer);
        buffer[written++] = '\n';
        return written + Encoding.UTF8.GetChars(key, buffer[written..]);
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result);
        }
    }
}
