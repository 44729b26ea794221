namespace Auditor.Evidence.Project.Tests;

/// <summary>Deployment automation: a CD workflow, GitOps, a pipeline that deploys; never serving code or YAML that only looks like Kubernetes.</summary>
public sealed class DeploymentDetectorTests
{
    private const string FastApiApp = "import mlflow\nfrom fastapi import FastAPI\napp = FastAPI()\nmodel = mlflow.pyfunc.load_model('models:/churn@champion')\n\n@app.post('/predict')\ndef predict(x: dict):\n    return model.predict(x)\n";

    private const string KServe = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: churn\nspec:\n  predictor:\n    canaryTrafficPercent: 10\n    model:\n      storageUri: s3://models/churn\n";

    private static readonly Corpus LookAlikes = new()
    {
        ["FastAPI script loading models:/"] = [("serve/app.py", FastApiApp)],
        ["Dockerfile running uvicorn with its serving app"] = [("Dockerfile", "FROM python:3.11.9-slim\nCOPY . .\nCMD [\"uvicorn\", \"serve.app:app\", \"--host\", \"0.0.0.0\"]\n"), ("serve/app.py", FastApiApp)],
        ["Flask app loading a pickle"] = [("app.py", "from flask import Flask\nimport joblib\napp = Flask(__name__)\nmodel = joblib.load('model.pkl')\n")],
        ["docker-compose file that runs the serving app"] = [("docker-compose.yml", "services:\n  api:\n    build: .\n    command: uvicorn app:app\n    ports: ['8000:8000']\n"), ("app.py", FastApiApp)],
        ["minimal .mlaudit.yml"] = [(".mlaudit.yml", "apiVersion: mlaudit/v1\nkind: Config\n")],
        ["mlaudit rule file under another name"] = [("policy/deploy-rule.yaml", "apiVersion: mlaudit/v1\nkind: Rule\nid: MLA-9001\nmetadata:\n  name: x\n")],
        ["kind cluster config"] = [("kind-config.yaml", "apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n  - role: control-plane\n")],
        ["Backstage API entity wrapping an OpenAPI spec"] = [("catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: churn-api\nspec:\n  type: openapi\n  definition: |\n    openapi: 3.0.0\n    info:\n      title: churn\n")],
        ["kubeconfig"] = [("kubeconfig.yaml", "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\n")],
        ["ConfigMap only"] = [("k8s/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n")],
        ["KServe manifest that nothing applies"] = [("k8s/inference.yaml", KServe)],
        ["Helm chart that nothing applies"] = [("charts/model/Chart.yaml", "apiVersion: v2\nname: model\nversion: 0.1.0\n")],
        ["BentoML service and bentofile"] = [("service.py", "import bentoml\n@bentoml.service\nclass Churn:\n    pass\n"), ("bentofile.yaml", "service: service:Churn\n")],
        ["SageMaker and Azure ML SDK imports"] = [("train_remote.py", "import sagemaker\nfrom azure.ai.ml import MLClient, command\njob = command(code='.', command='python train.py')\n")],
        ["Azure ML training job YAML"] = [("jobs/train.yml", "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: python train.py\n")],
        ["workflow that installs sagemaker and submits a training job"] = [(".github/workflows/train.yml", "on: push\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install sagemaker azure-ai-ml\n      - run: az ml job create -f jobs/train.yml\n")],
        ["workflow that only logs into a cluster and dry-runs"] = [(".github/workflows/check.yml", "on: pull_request\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/aks-set-context@v3\n      - run: kubectl apply --dry-run=client -f k8s/\n      - run: terraform plan\n"), ("k8s/inference.yaml", KServe)],
        ["commented-out and echoed deploy commands"] = [(".github/workflows/ci.yml", "on: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          pytest\n          # kubectl apply -f k8s/\n          echo \"then run helm upgrade model charts/model\"\n")],
        ["docs published to GitHub Pages"] = [(".github/workflows/docs.yml", "on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mkdocs gh-deploy --force\n")],
    };

    public static TheoryData<string> LookAlikeNames => LookAlikes.Names;

    [Theory]
    [MemberData(nameof(LookAlikeNames))]
    public void Look_alikes_are_not_deployment_automation(string situation)
    {
        var deployments = LookAlikes.Collect(situation).Deployments;

        Assert.True(deployments.Count == 0, $"{situation}: {string.Join(", ", deployments.Select(d => $"{d.Kind} {d.Location.Path}:{d.Location.Line}"))}");
    }

    private static readonly Corpus Positives = new()
    {
        ["kubectl apply of KServe manifests"] = [(".github/workflows/cd.yml", "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -f k8s/\n"), ("k8s/inference.yaml", KServe)],
        ["helm upgrade of a chart"] = [(".gitlab-ci.yml", "deploy:\n  script:\n    - helm upgrade --install churn ./charts/model\n"), ("charts/model/Chart.yaml", "apiVersion: v2\nname: model\nversion: 0.1.0\n")],
        ["terraform apply at the root"] = [(".github/workflows/infra.yml", "on: workflow_dispatch\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    steps:\n      - run: terraform apply -auto-approve\n"), ("main.tf", "resource \"aws_sagemaker_endpoint\" \"churn\" {\n  name = \"churn\"\n}\n")],
        ["Azure ML online deployment"] = [("azure-pipelines.yml", "trigger: [main]\nsteps:\n  - script: az ml online-deployment create -f deploy/blue.yml --all-traffic\n"), ("deploy/blue.yml", "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\nname: blue\n")],
        ["a deploy script run by CI"] = [(".github/workflows/release.yml", "on:\n  release:\n    types: [published]\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python scripts/deploy_model.py --alias champion\n")],
        ["a CI-run script that calls the Azure ML deployment API"] = [(".github/workflows/release.yml", "on: push\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python src/release.py\n"), ("src/release.py", "from azure.ai.ml import MLClient\nclient = MLClient.from_config()\nclient.online_deployments.begin_create_or_update(deployment).result()\n")],
        ["an Airflow DAG that deploys to SageMaker"] = [("dags/release.py", "from airflow import DAG\nimport sagemaker\nwith DAG('release', schedule=None) as dag:\n    predictor = sagemaker_model.deploy(initial_instance_count=1, instance_type='ml.m5.large')\n")],
        ["an Argo CD Application"] = [("gitops/app.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: churn\nspec:\n  source:\n    path: k8s\n")],
        ["a deploy action"] = [(".github/workflows/cd.yml", "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/k8s-deploy@v5\n        with:\n          manifests: k8s/deployment.yaml\n")],
        ["sam deploy in a chained command"] = [(".gitlab-ci.yml", "deploy:\n  script:\n    - sam build && sam deploy --no-confirm-changeset\n"), ("template.yaml", "Transform: AWS::Serverless-2016-10-31\nResources: {}\n")],
    };

    public static TheoryData<string> PositiveNames => Positives.Names;

    [Theory]
    [MemberData(nameof(PositiveNames))]
    public void Deployment_automation_is_recognised(string situation)
    {
        Assert.NotEmpty(Positives.Collect(situation).Deployments);
    }

    [Fact]
    public void The_manifests_a_CD_step_applies_are_cited_with_the_step()
    {
        var deployments = Positives.Collect("kubectl apply of KServe manifests").Deployments;

        var step = Assert.Single(deployments, d => d.Kind == "cd-workflow");
        Assert.Equal((".github/workflows/cd.yml", 8), (step.Location.Path, step.Location.Line));
        var manifest = Assert.Single(deployments, d => d.Kind == "kserve");
        Assert.Equal("k8s/inference.yaml", manifest.Location.Path);
        Assert.Contains("applied by .github/workflows/cd.yml:8", manifest.Detail);
    }

    [Fact]
    public void A_manifest_in_a_folder_the_step_does_not_name_is_not_cited()
    {
        var deployments = ProjectFolder.Of([
            (".github/workflows/cd.yml", "on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: kubectl apply -f deploy/k8s\n"),
            ("k8s/inference.yaml", KServe),
            ("deploy/k8s/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"),
        ]).Deployments;

        Assert.Equal(["cd-workflow", "kubernetes"], deployments.Select(d => d.Kind).Order(StringComparer.Ordinal));
        Assert.Equal("deploy/k8s/app.yaml", Assert.Single(deployments, d => d.Kind == "kubernetes").Location.Path);
    }
}
