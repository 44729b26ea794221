namespace Auditor.Cli;

/// <summary>
/// The commented <c>.mlaudit.yml</c> that <c>mlaudit init</c> writes: valid as it stands (every optional key is a
/// comment), with the <c>yaml-language-server</c> line that gives editors completion from the shipped schema.
/// </summary>
internal static class StarterConfig
{
    public const string FileName = ".mlaudit.yml";

    /// <summary>The raw URL of <c>rules/config.schema.json</c> in the tool's repository; also the schema's <c>$id</c>.</summary>
    public static string SchemaUrl(string repositoryUrl) =>
        repositoryUrl.TrimEnd('/').Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal)
        + "/main/rules/config.schema.json";

    public static string Text(string repositoryUrl) => $$"""
        # yaml-language-server: $schema={{SchemaUrl(repositoryUrl)}}
        # mlaudit project configuration ({{repositoryUrl.TrimEnd('/')}}#configuration-waivers-and-attestations).
        # Only apiVersion and kind are needed: uncomment what this project wants. Command-line options win over this file.
        apiVersion: mlaudit/v1
        kind: Config

        # The MLflow tracking store, relative to this file; --tracking-uri and MLFLOW_TRACKING_URI win.
        # trackingUri: sqlite:///mlflow.db

        # With --config: the project folder, relative to this file.
        # project: .

        # Paths the project collectors skip (globs), e.g. vendored or archived code.
        # ignorePaths: [legacy/**]

        # The CI gate: exit 1 when the attained level is below minLevel (0-4), or when a failing finding has at
        # least the severity failOn (info, low, medium, high, critical).
        # gate:
        #   minLevel: 2
        #   failOn: high

        # Rules that do not apply to this team ('mlaudit rules list' shows them); the operator's policy may protect some.
        # rules:
        #   disable: [MLA-0019]
        #   disableCategories: [security]
        #   thresholds:                 # per rule, per fact ('mlaudit rules show MLA-0003'): a new threshold
        #     MLA-0003:
        #       runs.gitCommitShare: 0.95

        # Accept a failing rule for a while, visibly: every report shows the waiver, and it expires.
        # waivers:
        #   - rule: MLA-0011
        #     reason: remediation-planned   # not-applicable, accepted-risk, false-positive or remediation-planned
        #     owner: alice@example.com
        #     justification: Dataset logging lands with the feature-store migration (ML-42).
        #     expires: 2027-03-31

        # The answers to the criteria no file can show, written by 'mlaudit assess' (this is the default).
        # attestations: .mlaudit-attestations.yml

        """;
}
