using Auditor.Testing;
using Microsoft.Data.Sqlite;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>Damaged or newer GenAI data costs the piece that is damaged, with one problem line, never the audit.</summary>
public sealed class GenAiBadInputTests
{
    [Fact]
    public void A_broken_trace_info_costs_that_trace_with_a_problem_naming_the_file()
    {
        using var fixture = Fixture.Unpack("genai-file-3x");
        var info = Directory.GetFiles(Path.Combine(fixture.Path, "mlruns"), "trace_info.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.WriteAllText(info, "trace_id: [unclosed\n");

        var store = StoreFixture.Read(fixture);

        Assert.Equal(46, store.GenAi.RecentTraces.Count);
        var problem = Assert.Single(store.Problems);
        Assert.Equal(info, problem.Path);
    }

    [Fact]
    public void A_broken_assessment_costs_that_assessment_only()
    {
        using var fixture = Fixture.Unpack("genai-file-3x");
        var assessment = Directory.GetFiles(Path.Combine(fixture.Path, "mlruns"), "a-*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.WriteAllText(assessment, "assessment_id: a-1\nassessment_name: x\n");

        var store = StoreFixture.Read(fixture);

        Assert.Equal(47, store.GenAi.RecentTraces.Count);
        Assert.Equal(149, store.GenAi.RecentAssessments.Count);
        Assert.Contains(store.Problems, p => p.Path == assessment && p.Message.Contains("neither feedback nor expectation", StringComparison.Ordinal));
    }

    [Fact]
    public void A_GenAI_table_of_a_newer_schema_is_reported_and_not_read()
    {
        using var fixture = Fixture.Unpack("genai-sqlite-3x");
        var database = Path.Combine(fixture.Path, "mlflow.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE trace_archives (request_id TEXT, archived_at BIGINT); INSERT INTO trace_archives VALUES ('tr-1', 1);";
            command.ExecuteNonQuery();
        }

        var store = StoreFixture.Read(fixture);

        Assert.Equal(47, store.GenAi.RecentTraces.Count);
        var problem = Assert.Single(store.Problems);
        Assert.Equal("trace_archives", problem.Path);
    }
}
