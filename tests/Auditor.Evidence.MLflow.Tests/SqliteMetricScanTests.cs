using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Sql;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// The in-process scan of a SQLite metric history must summarise exactly as the database's own GROUP BY does, also
/// when the history is split in rowid ranges read in parallel: steps out of order (within a range and across the
/// boundary), repeated steps, NaN, ±infinity stored as ±DBL_MAX, and runs interleaved.
/// </summary>
public sealed class SqliteMetricScanTests(SqliteMetricScanTests.History history) : IClassFixture<SqliteMetricScanTests.History>
{
    private const string Schema = """
        CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
            step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL, CONSTRAINT metric_pk PRIMARY KEY ("key", timestamp, step, run_uuid, value, is_nan));
        CREATE INDEX index_metrics_run_uuid ON metrics (run_uuid);
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Scanning_in_rowid_ranges_gives_the_summaries_the_database_aggregates(int parts)
    {
        var scanned = Summaries(history.Path, (schema, connection, path) => new SqliteMetricScan(schema, path, new StringPool(), parts));
        var aggregated = Summaries(history.Path, (schema, connection, _) => new SqlMetricAggregation(connection, schema, new SqliteDialect(), new StringPool()));

        Assert.Equal(aggregated.Keys.Order(), scanned.Keys.Order());
        foreach (var (run, metrics) in aggregated)
        {
            Assert.Equal(metrics.Keys.Order(), scanned[run].Keys.Order());
            foreach (var (key, expected) in metrics)
            {
                Assert.Equal(expected, scanned[run][key]);
            }
        }

        Assert.Equal(history.Points, scanned.Values.SelectMany(m => m.Values).Sum(m => m.Count));
        var all = scanned.Values.SelectMany(m => m.Values).ToList();
        Assert.Contains(all, m => m.HasNonFinite && double.IsNaN(m.Last));
        Assert.Contains(all, m => double.IsPositiveInfinity(m.Last));
        Assert.Contains(all, m => m.Steps < m.Count);
    }

    [Fact]
    public void An_empty_history_has_no_summaries()
    {
        using var store = new LegacySqliteBuilder(Schema);

        Assert.Empty(Summaries(store.Path, (schema, _, path) => new SqliteMetricScan(schema, path, new StringPool(), 2)));
    }

    /// <summary>One history of 120,000 points (two rowid ranges of the scan's minimum size), written once for the class.</summary>
    public sealed class History : IDisposable
    {
        private readonly LegacySqliteBuilder _store = new(Schema);

        public History() => Points = WriteHistory(Path, seed: 7, points: 120_000);

        public string Path => _store.Path;

        public int Points { get; }

        public void Dispose() => _store.Dispose();
    }

    private static Dictionary<string, IReadOnlyDictionary<string, MetricSummary>> Summaries(
        string path, Func<SqlSchema, SqliteConnection, string, IMetricSummaries> create)
    {
        using var connection = SqliteConnectionFactory.OpenReadOnly(path);
        var schema = new SqliteDialect().Introspect(connection);
        return create(schema, connection, path).Start().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Writes a history as MLflow stores it: NaN as 0 with is_nan, infinities as ±DBL_MAX. Most series log steps in
    /// order, a few out of order or repeated; runs interleave in blocks so series cross the range boundaries.
    /// </summary>
    private static int WriteHistory(string path, int seed, int points)
    {
        var random = new Random(seed);
        var runs = Enumerable.Range(0, 300).Select(i => $"{i:x4}{new string('a', 28)}").ToArray();
        var keys = new[] { "loss", "acc", "val/loss", "lr", "gpu util" };
        var nextStep = new Dictionary<(string, string), long>();
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO metrics VALUES ($key, $value, $timestamp, $run, $step, $nan)";
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Real);
        var timestamp = insert.Parameters.Add("$timestamp", SqliteType.Integer);
        var run = insert.Parameters.Add("$run", SqliteType.Text);
        var step = insert.Parameters.Add("$step", SqliteType.Integer);
        var nan = insert.Parameters.Add("$nan", SqliteType.Integer);
        var written = 0;
        while (written < points)
        {
            var runId = runs[random.Next(runs.Length)];
            for (var block = random.Next(1, 400); block > 0 && written < points; block--)
            {
                var series = (runId, keys[random.Next(keys.Length)]);
                var next = nextStep.GetValueOrDefault(series);
                var roll = random.NextDouble();
                var stepValue = roll < 0.002 ? Math.Max(0, next - random.Next(1, 50)) : roll < 0.1 ? Math.Max(0, next - 1) : next;
                nextStep[series] = Math.Max(next, stepValue + 1);
                var kind = random.NextDouble();
                (value.Value, nan.Value) = kind switch
                {
                    < 0.01 => (0.0, 1),
                    < 0.015 => (1.7976931348623157e308, 0),
                    < 0.02 => (-1.7976931348623157e308, 0),
                    _ => (Math.Round((random.NextDouble() * 200) - 100, 3), 0),
                };
                (key.Value, run.Value, step.Value, timestamp.Value) = (series.Item2, runId, stepValue, 1_700_000_000_000 + random.Next(0, 1000));
                written += insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return written;
    }
}
