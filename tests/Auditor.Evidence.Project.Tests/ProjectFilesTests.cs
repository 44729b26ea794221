using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Tests;

public sealed class ProjectFilesTests
{
    [Fact]
    public void Tests_that_import_ml_modules_touch_ml_code()
    {
        using var project = new ProjectFolder()
            .With("src/churn/features.py", "def build(df): return df\n")
            .With("src/churn/utils.py", "def slug(s): return s\n")
            .With("src/churn/fit.py", "from sklearn.linear_model import Ridge\n")
            .With("tests/test_features.py", "from churn.features import build\n\ndef test_build():\n    assert build(1) == 1\n")
            .With("tests/test_utils.py", "from churn import utils\n\ndef test_slug():\n    assert utils.slug('a') == 'a'\n")
            .With("tests/test_fit.py", "import unittest\nfrom churn import fit\nclass T(unittest.TestCase):\n    def test_fit(self):\n        self.assertTrue(fit)\n")
            .With("notebooks/eda.ipynb", "{}");

        var tests = project.Collect().Tests;

        Assert.Equal(["src.churn.features", "src.churn.fit"], tests.MlModules.Order(StringComparer.Ordinal));
        var byPath = tests.Files.ToDictionary(f => f.Location.Path);
        Assert.Equal(["churn.features"], byPath["tests/test_features.py"].MlModulesImported);
        Assert.False(byPath["tests/test_utils.py"].TouchesMlCode);
        Assert.Equal("unittest", byPath["tests/test_fit.py"].Framework);
        Assert.True(byPath["tests/test_fit.py"].TouchesMlCode);
        Assert.Equal(3, tests.Scripts);
        Assert.Single(tests.Notebooks);
    }

    [Fact]
    public void Pipelines_data_versioning_deployment_and_monitoring()
    {
        using var project = new ProjectFolder()
            .With("dvc.yaml", "stages:\n  prepare:\n    cmd: python prepare.py\n  train:\n    cmd: python train.py\n")
            .With("data/raw.csv.dvc", "outs:\n- md5: ab\n  path: raw.csv\n")
            .With(".dvc/config", "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://bucket/dvc\n")
            .With(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n")
            .With("Makefile", ".PHONY: train\ntrain:\n\tpython train.py\nVAR := 1\ntest: train\n\tpytest\n")
            .With("dags/retrain.py", "from airflow import DAG\nwith DAG('retrain') as dag:\n    pass\n")
            .With(".github/workflows/cd.yml", "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          kubectl apply -f k8s/\n          helm upgrade --install model charts/model\n          terraform -chdir=infra apply -auto-approve\n")
            .With(".github/workflows/monitor.yml", "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  drift:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python monitor/drift.py\n")
            .With("k8s/inference.yaml", "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: churn\nspec:\n  predictor:\n    canaryTrafficPercent: 10\n")
            .With("k8s/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n")
            .With("charts/model/Chart.yaml", "apiVersion: v2\nname: model\nversion: 0.1.0\n")
            .With("infra/main.tf", "resource \"x\" \"y\" {}\n")
            .With("serve/app.py", "from fastapi import FastAPI\nimport joblib\napp = FastAPI()\nmodel = joblib.load('model.pkl')\n")
            .With("monitor/drift.py", "from evidently.report import Report\nfrom prometheus_client import Counter\n")
            .With("ops/alerts.yaml", "groups:\n  - name: model\n    rules:\n      - alert: DriftHigh\n        expr: drift > 0.3\n")
            .With("grafana/model.json", "{\"panels\": []}");

        var evidence = project.Collect();

        Assert.Equal(["prepare", "train"], evidence.Pipelines.Single(p => p.Kind == "dvc").Stages);
        Assert.Equal(["train", "test"], evidence.Pipelines.Single(p => p.Kind == "makefile").Stages);
        Assert.Contains(evidence.Pipelines, p => p.Kind == "airflow" && p.Location.Line == 2);
        Assert.DoesNotContain(evidence.Pipelines, p => p.Location.Path == "data/raw.csv.dvc");
        var dvc = evidence.DataVersioning.Single(d => d.Kind == "dvc");
        Assert.Equal(["storage: s3://bucket/dvc"], dvc.Details);
        Assert.Equal("data/raw.csv.dvc", dvc.Location.Path);
        Assert.Equal(["*.bin"], evidence.DataVersioning.Single(d => d.Kind == "git-lfs").Details);
        Assert.Equal(
            ["cd-workflow", "cd-workflow", "cd-workflow", "helm", "kserve", "kubernetes", "kubernetes", "terraform"],
            evidence.Deployments.Select(d => d.Kind).Order(StringComparer.Ordinal));
        Assert.Equal(1, evidence.Deployments.Single(d => d.Kind == "kserve").Location.Line);
        Assert.Equal(
            ["evidently", "prometheus-alerts"],
            evidence.Monitoring.Select(m => m.Tool).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Large_files_are_skipped_and_excluded_folders_are_not_entered()
    {
        using var project = new ProjectFolder()
            .With("requirements.txt", "pandas==2.2.2\n" + new string('#', 5000))
            .With("node_modules/x/requirements.txt", "a==1\n")
            .With("mlruns/0/meta.yaml", "name: x\n")
            .With("env/pyvenv.cfg", "home = /usr\n")
            .With("env/lib/requirements.txt", "b==1\n");

        var evidence = project.Collect(new ProjectCollectionOptions { MaxFileBytes = 1000 });

        Assert.Equal("requirements.txt", Assert.Single(evidence.Skipped).Path);
        Assert.Equal("requirements.txt", Assert.Single(evidence.Environments).Location.Path);
    }

    [Fact]
    public void Symbolic_links_never_lead_outside_the_project()
    {
        using var outside = new ProjectFolder().With("requirements.txt", "secret==1\n").With("ci/train.yml", "on: push\n");
        using var project = new ProjectFolder().With("train.py", "print(1)\n");
        File.CreateSymbolicLink(Path.Combine(project.Path, "requirements.txt"), Path.Combine(outside.Path, "requirements.txt"));
        Directory.CreateDirectory(Path.Combine(project.Path, ".github"));
        Directory.CreateSymbolicLink(Path.Combine(project.Path, ".github", "workflows"), Path.Combine(outside.Path, "ci"));

        var evidence = project.Collect();

        Assert.Empty(evidence.Environments);
        Assert.Empty(evidence.Ci);
        Assert.Equal("requirements.txt", Assert.Single(evidence.Skipped).Path);
    }
}
