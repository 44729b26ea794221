using Auditor.Testing;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>
/// The SQL reader counts assessments per experiment without joining every row to its trace (the whole table once,
/// the smaller experiments through their traces, the largest gets the rest): the counts must equal the join's.
/// </summary>
public sealed class SqlGenAiCountTests
{
    [Fact]
    public void Assessments_count_under_the_experiment_of_their_trace()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var database = Path.Combine(fixture.Path, "mlflow.db");
        // Move every third assessed trace of experiment 1 to experiment 3, so both experiments hold assessments.
        Execute(database, "UPDATE trace_info SET experiment_id = 3 WHERE experiment_id = 1 AND rowid % 3 = 0 AND request_id IN (SELECT trace_id FROM assessments)");
        var expected = Joined(database);

        var store = StoreFixture.Read(fixture);

        var read = store.GenAi.AssessmentGroups
            .GroupBy(a => (a.ExperimentId, a.Name, a.SourceType, a.Valid))
            .ToDictionary(g => g.Key, g => g.Sum(a => a.Count));
        Assert.Equal(2, read.Keys.Select(k => k.ExperimentId).Distinct().Count());
        Assert.Equal(expected.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal), read.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal));
        Assert.Equal(150, store.GenAi.AssessmentCount);
        Assert.Equal(store.GenAi.RecentAssessments.Count, store.GenAi.AssessmentCount);
    }

    private static Dictionary<(string, string, string?, bool), int> Joined(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT t.experiment_id, a.name, a.source_type, a.valid, COUNT(*) FROM assessments a JOIN trace_info t ON t.request_id = a.trace_id GROUP BY 1, 2, 3, 4";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<(string, string, string?, bool), int>();
        while (reader.Read())
        {
            counts[(reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3))] = reader.GetInt32(4);
        }

        return counts;
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0);
    }
}
