namespace Auditor.Evidence.Project.Tests;

/// <summary>Monitoring of the deployed model: checks on a schedule, alerts on model metrics, cloud model monitors; never an import or a dashboard.</summary>
public sealed class MonitoringDetectorTests
{
    private const string Notebook = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"from evidently.report import Report\"]}]}";

    private const string EvidentlyScript = "from evidently.report import Report\nfrom evidently.metric_preset import DataDriftPreset\nreport = Report(metrics=[DataDriftPreset()])\n";

    private static readonly Corpus LookAlikes = new()
    {
        ["deepchecks import in an evaluation step"] = [
            ("src/evaluate.py", "from deepchecks.tabular.suites import model_evaluation\nsuite = model_evaluation()\n"),
            (".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  eval:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python src/evaluate.py\n")],
        ["deepchecks evaluation in a scheduled retraining workflow"] = [
            ("src/evaluate.py", "import deepchecks\nfrom deepchecks.tabular.suites import model_evaluation\n"),
            (".github/workflows/retrain.yml", "on:\n  schedule:\n    - cron: '0 3 * * 1'\njobs:\n  retrain:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n      - run: python src/evaluate.py\n")],
        ["Grafana dashboard JSON"] = [("grafana/dashboards/model.json", "{\"title\": \"model\", \"panels\": [{\"type\": \"timeseries\", \"targets\": [{\"expr\": \"prediction_latency_seconds\"}]}]}")],
        ["a course's monitoring/ folder of notebooks"] = [
            ("05-monitoring/baseline_model_nyc_taxi_data.ipynb", Notebook),
            ("05-monitoring/debugging_nyc_taxi_data.ipynb", Notebook),
            ("05-monitoring/evidently_metrics_calculation.py", "from prefect import task, flow\nfrom evidently.report import Report\n\n@flow\ndef batch_monitoring_backfill():\n    pass\n\nif __name__ == '__main__':\n    batch_monitoring_backfill()\n"),
            ("05-monitoring/dashboards/data_drift.json", "{\"panels\": [{\"title\": \"drift\"}]}"),
            ("05-monitoring/config/grafana_datasources.yaml", "apiVersion: 1\ndatasources:\n  - name: PostgreSQL\n    type: postgres\n"),
            ("05-monitoring/docker-compose.yml", "services:\n  grafana:\n    image: grafana/grafana\n")],
        ["an Evidently script that nothing schedules"] = [("monitoring/drift.py", EvidentlyScript)],
        ["prometheus_client instrumentation in the serving app"] = [("app.py", "from fastapi import FastAPI\nfrom prometheus_client import Counter\nfrom prometheus_fastapi_instrumentator import Instrumentator\nPREDICTIONS = Counter('predictions_total', 'n')\n")],
        ["a Great Expectations project alone"] = [("great_expectations/great_expectations.yml", "config_version: 3.0\ndatasources: {}\n")],
        ["Prometheus alerts on infrastructure only"] = [("ops/alerts.yaml", "groups:\n  - name: node\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n      - alert: HighCpu\n        expr: node_load1 > 4\n")],
        ["Prometheus recording rules on model metrics, no alert"] = [("ops/rules.yaml", "groups:\n  - name: model\n    rules:\n      - record: model:prediction_latency:p95\n        expr: histogram_quantile(0.95, rate(prediction_latency_seconds_bucket[5m]))\n")],
        ["whylogs import in a notebook-exported script run on push"] = [
            ("profile_data.py", "import whylogs as why\nprofile = why.log(df)\n"),
            (".github/workflows/ci.yml", "on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python profile_data.py\n")],
    };

    public static TheoryData<string> LookAlikeNames => LookAlikes.Names;

    [Theory]
    [MemberData(nameof(LookAlikeNames))]
    public void Look_alikes_are_not_monitoring(string situation)
    {
        var monitoring = LookAlikes.Collect(situation).Monitoring;

        Assert.True(monitoring.Count == 0, $"{situation}: {string.Join(", ", monitoring.Select(m => $"{m.Tool} {m.Location.Path}:{m.Location.Line}"))}");
    }

    private static readonly Corpus Positives = new()
    {
        ["an Evidently drift check in a scheduled workflow"] = [
            ("monitoring/drift.py", EvidentlyScript),
            (".github/workflows/monitor.yml", "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  drift:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python monitoring/drift.py --reference data/ref.parquet\n")],
        ["a whylogs profile in a scheduled Airflow DAG"] = [("dags/profile.py", "from airflow import DAG\nimport whylogs as why\nwith DAG('profile', schedule='@daily') as dag:\n    pass\n")],
        ["a NannyML check run by a CronJob"] = [
            ("monitoring/check_quality.py", "import nannyml as nml\nestimator = nml.CBPE()\n"),
            ("k8s/monitor.yaml", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: quality\nspec:\n  schedule: '0 2 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: check\n              command: [python, -m, monitoring.check_quality]\n")],
        ["a Great Expectations checkpoint in a scheduled GitLab job"] = [(".gitlab-ci.yml", "validate:\n  script:\n    - great_expectations checkpoint run production_inputs\n  rules:\n    - if: $CI_PIPELINE_SOURCE == \"schedule\"\n")],
        ["Prometheus alerts on model metrics"] = [("ops/alerts.yaml", "groups:\n  - name: model\n    rules:\n      - alert: PredictionDriftHigh\n        expr: model_drift_score > 0.3\n        for: 10m\n")],
        ["a PrometheusRule on inference latency"] = [("k8s/alerts.yaml", "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: churn\nspec:\n  groups:\n    - name: churn\n      rules:\n        - alert: SlowInference\n          expr: histogram_quantile(0.99, rate(inference_seconds_bucket[5m])) > 1\n")],
        ["SageMaker Model Monitor"] = [("monitoring/setup.py", "from sagemaker.model_monitor import DefaultModelMonitor\nmonitor = DefaultModelMonitor(role=role)\nmonitor.create_monitoring_schedule(endpoint_input='churn', schedule_cron_expression='cron(0 * ? * * *)')\n")],
        ["an Azure ML monitor schedule"] = [("monitoring/monitor.yml", "$schema: https://azuremlschemas.azureedge.net/latest/monitorSchedule.schema.json\nname: churn-monitor\ntrigger:\n  type: recurrence\n")],
    };

    public static TheoryData<string> PositiveNames => Positives.Names;

    [Theory]
    [MemberData(nameof(PositiveNames))]
    public void Monitoring_of_the_deployed_model_is_recognised(string situation)
    {
        Assert.NotEmpty(Positives.Collect(situation).Monitoring);
    }

    [Fact]
    public void A_scheduled_check_cites_the_library_import_of_the_script()
    {
        var monitoring = Assert.Single(Positives.Collect("an Evidently drift check in a scheduled workflow").Monitoring);

        Assert.Equal(("evidently", "monitoring/drift.py", 1), (monitoring.Tool, monitoring.Location.Path, monitoring.Location.Line));
    }
}
