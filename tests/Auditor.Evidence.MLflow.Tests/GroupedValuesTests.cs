using System.Text;
using Auditor.Evidence.MLflow.Sql;

namespace Auditor.Evidence.MLflow.Tests;

public sealed class GroupedValuesTests
{
    [Fact]
    public void An_owner_met_again_later_is_merged_and_its_later_values_win()
    {
        var values = new GroupedValues(new StringPool());
        values.Add("run-a", "team", "blue");
        values.Add("run-a", "stage", "dev");
        values.Add("run-b", "team", "red");
        values.Add("run-a", "stage", "prod");
        values.Add("run-a", "mlflow.log-model.history", "[]");

        var grouped = values.Build();

        Assert.Equal(["run-a", "run-b"], grouped.Keys.Order());
        Assert.Equal(["team", "stage", "mlflow.log-model.history"], grouped["run-a"].Keys);
        Assert.Equal("prod", grouped["run-a"]["stage"]);
        Assert.Equal("red", grouped["run-b"]["team"]);
    }

    [Fact]
    public void UTF8_rows_decode_whether_they_fit_on_the_stack_or_not()
    {
        var values = new GroupedValues(new StringPool());
        var note = string.Concat(Enumerable.Repeat("Größe ✓ ", 200));
        values.Add(Encoding.UTF8.GetBytes("0a1b"), Encoding.UTF8.GetBytes("mlflow.note.content"), Encoding.UTF8.GetBytes(note));
        values.Add(Encoding.UTF8.GetBytes("0a1b"), Encoding.UTF8.GetBytes("owner"), Encoding.UTF8.GetBytes("Jürgen"));

        var run = values.Build()["0a1b"];

        Assert.Equal(note, run["mlflow.note.content"]);
        Assert.Equal("Jürgen", run["owner"]);
    }
}
