namespace Auditor.Evidence.Project.Tests;

/// <summary>A pipeline definition defines something to run; DVCLive's dvc.yaml, .dvc files and framework imports do not.</summary>
public sealed class PipelineDetectorTests
{
    private static readonly Corpus LookAlikes = new()
    {
        ["dvc.yaml with only metrics and plots (DVCLive)"] = [("dvc.yaml", "metrics:\n  - dvclive/metrics.json\nplots:\n  - dvclive/plots/metrics:\n      x: step\n")],
        [".dvc file from dvc add"] = [("data/raw.csv.dvc", "outs:\n- md5: ab\n  path: raw.csv\n")],
        ["MLproject without entry points"] = [("MLproject", "name: churn\npython_env: python_env.yaml\n")],
        ["an Airflow plugin that names DAG in a docstring"] = [("plugins/operator.py", "from airflow.models import BaseOperator\n\nclass Upload(BaseOperator):\n    \"\"\"Used by the DAG of another repository.\"\"\"\n")],
        ["kfp import with pipeline in a comment"] = [("components.py", "import kfp\n# the pipeline lives elsewhere\n")],
        ["a scikit-learn Pipeline"] = [("train.py", "from sklearn.pipeline import Pipeline\npipe = Pipeline([('model', model)])\n")],
        ["Snakefile without rules"] = [("Snakefile", "configfile: 'config.yaml'\n")],
        ["Makefile only"] = [("Makefile", "train:\n\tpython train.py\n")],
    };

    public static TheoryData<string> LookAlikeNames => LookAlikes.Names;

    [Theory]
    [MemberData(nameof(LookAlikeNames))]
    public void Look_alikes_are_not_pipelines(string situation)
    {
        var pipelines = LookAlikes.Collect(situation).Pipelines.Where(p => p.Kind != "makefile").ToList();

        Assert.True(pipelines.Count == 0, $"{situation}: {string.Join(", ", pipelines.Select(p => $"{p.Kind} {p.Location.Path}"))}");
    }

    [Theory]
    [InlineData("MLproject", "name: churn\nentry_points:\n  main:\n    command: python train.py\n", "mlproject")]
    [InlineData("dvc.yaml", "stages:\n  train:\n    cmd: python train.py\n", "dvc")]
    [InlineData("dags/retrain.py", "from airflow import DAG\nwith DAG('retrain') as dag:\n    pass\n", "airflow")]
    [InlineData("flows/train.py", "from prefect import flow\n\n@flow\ndef train():\n    pass\n", "prefect")]
    [InlineData("pipeline.py", "from kfp import dsl\n\n@dsl.pipeline(name='train')\ndef train():\n    pass\n", "kubeflow")]
    [InlineData("flow.py", "from metaflow import FlowSpec, step\n\nclass Train(FlowSpec):\n    pass\n", "metaflow")]
    [InlineData("src/churn/pipeline_registry.py", "from kedro.pipeline import Pipeline, node\n\ndef create():\n    return Pipeline([\n        node(train, 'x', 'y'),\n    ])\n", "kedro")]
    public void Pipeline_definitions_are_recognised(string path, string content, string kind)
    {
        Assert.Equal(kind, Assert.Single(ProjectFolder.Of([(path, content)]).Pipelines).Kind);
    }
}
