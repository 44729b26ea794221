using System.CommandLine;

namespace Auditor.Cli.Commands;

/// <summary>What <c>--help</c> adds after System.CommandLine's usage: examples, the exit codes and the environment variables.</summary>
internal static class HelpExtras
{
    private static readonly Dictionary<string, string[]> Examples = new()
    {
        ["mlaudit"] = ["mlaudit init", "mlaudit audit", "mlaudit audit path/to/project -f console,json,html --output-dir reports", "mlaudit trace --model churn", "mlaudit rules list"],
        ["audit"] =
        [
            "mlaudit audit                                          # the current folder, its store found as MLflow finds it",
            "mlaudit audit -f json -o - | jq .maturity.level        # one report to standard output",
            "mlaudit audit -f sarif -o mlaudit.sarif                # one report to one file",
            "mlaudit audit -f json,html,sarif --output-dir reports  # several reports into a folder",
            "mlaudit audit --min-level 2 --fail-on high --quiet     # a CI gate: only errors, the exit code tells",
            "mlaudit audit --model churn --alias champion           # pre-release audit of one model version",
        ],
        ["trace"] = ["mlaudit trace", "mlaudit trace path/to/project --model churn --tracking-uri sqlite:///mlflow.db"],
        ["init"] = ["mlaudit init                  # .mlaudit.yml in the current folder", "mlaudit init path/to/project  # then: mlaudit audit path/to/project"],
    };

    private static readonly string[] ExitCodes =
    [
        "0  the audit ran and the gate passed (or no gate was set)",
        "1  the gate failed (--min-level, --fail-on, --baseline, --model --require)",
        "2  usage or input error (bad option, missing path, unreadable file or store, a report that cannot be written)",
        "3  internal error (a bug in mlaudit; --verbose shows the stack trace)",
    ];

    private static readonly string[] Variables =
    [
        "MLFLOW_TRACKING_URI        the tracking store when --tracking-uri is not given",
        "MLFLOW_REGISTRY_URI        must name the tracking store if set",
        "MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD, MLFLOW_TRACKING_TOKEN  tracking server credentials",
        "MLFLOW_TRACKING_INSECURE_TLS, MLFLOW_TRACKING_SERVER_CERT_PATH, MLFLOW_TRACKING_CLIENT_CERT_PATH  tracking server TLS",
        "MLFLOW_HTTP_REQUEST_TIMEOUT, MLFLOW_HTTP_REQUEST_MAX_RETRIES  tracking server requests",
        "DATABRICKS_HOST, DATABRICKS_TOKEN, DATABRICKS_CONFIG_FILE, DATABRICKS_CONFIG_PROFILE  a Databricks workspace",
        "MLAUDIT_REST_MAX_ITEMS, MLAUDIT_REST_MAX_RESPONSE_MB, MLAUDIT_REST_MAX_TOTAL_MB  tracking server read bounds",
        "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, MLFLOW_S3_ENDPOINT_URL  model files in S3",
        "AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_ACCESS_KEY, AZURE_STORAGE_SAS_TOKEN  model files in Azure Blob Storage",
        "GOOGLE_APPLICATION_CREDENTIALS, STORAGE_EMULATOR_HOST, MLAUDIT_GCS_ENDPOINT  model files in Google Cloud Storage",
        "MLAUDIT_POLICY             the operator's policy file when --policy is not given",
        "MLAUDIT_TIMEOUT            the tracking server deadline when --timeout is not given",
        "GITHUB_SERVER_URL, GITHUB_REPOSITORY, CI_PROJECT_URL  the repository URI in SARIF",
    ];

    public static void Write(Command command, TextWriter output)
    {
        if (Examples.GetValueOrDefault(command.Name) is { } examples)
        {
            Section(output, "Examples", examples);
        }

        if (command.Name is "mlaudit" or "audit" or "trace")
        {
            Section(output, "Exit codes", ExitCodes);
            Section(output, "Environment variables", Variables);
        }
    }

    private static void Section(TextWriter output, string title, IEnumerable<string> lines)
    {
        output.WriteLine($"{title}:");
        foreach (var line in lines)
        {
            output.WriteLine($"  {line}");
        }

        output.WriteLine();
    }
}
