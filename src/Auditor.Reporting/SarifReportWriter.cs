using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: one run, every rule in <c>tool.driver.rules</c> (passing ones too, so fixed
/// alerts close), results only for failing findings, each located at a real file relative to <c>%SRCROOT%</c>.
/// Hidden characters in its strings (bidi overrides, zero-width) are written as escapes (<see cref="JsonText"/>).
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    private const string SrcRoot = "%SRCROOT%";

    public static string Serialize(AuditReport report, SarifOptions? options = null)
    {
        options ??= new SarifOptions();
        var project = ProjectFolder(report);
        var rules = new JsonArray(report.Findings.Select(Rule).ToArray<JsonNode?>());
        var results = new JsonArray(report.Findings.Select((f, i) => (f, i)).Where(x => x.f.IsFailing())
            .Select(x => Result(x.f, x.i, project, options)).ToArray<JsonNode?>());
        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = report.Tool.Name,
                    ["semanticVersion"] = report.Tool.Version,
                    ["rules"] = rules,
                },
            },
            ["automationDetails"] = new JsonObject { ["id"] = project.Length == 0 ? "mlaudit/" : $"mlaudit/{project}/" },
            ["results"] = results,
            ["properties"] = new JsonObject { ["policy"] = Policy(report.Policy) },
        };
        if (Provenance(report, options) is { } provenance)
        {
            run["versionControlProvenance"] = new JsonArray(provenance);
        }

        var log = new JsonObject { ["$schema"] = SchemaUri, ["version"] = "2.1.0", ["runs"] = new JsonArray(run) };
        return JsonText.EscapeHidden(log.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    /// <summary>The policy section as run properties: where it came from, and each weakening allowed or refused.</summary>
    private static JsonObject Policy(PolicySummary policy)
    {
        static JsonArray Decisions(IEnumerable<Core.Assessment.PolicyDecision> decisions) => new(decisions.Select(d => (JsonNode?)new JsonObject
        {
            ["kind"] = Labels.Of(d.Kind),
            ["subject"] = d.Subject,
            ["detail"] = d.Detail,
        }).ToArray());

        return new JsonObject
        {
            ["source"] = policy.Source,
            ["file"] = policy.File,
            ["allowed"] = Decisions(policy.Allowed),
            ["refused"] = Decisions(policy.Refused),
        };
    }

    /// <summary>SARIF level for a severity: critical/high error, medium warning, low/info note.</summary>
    public static string LevelOf(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>The audited folder relative to the repository root, with forward slashes; "" for the root or no repository.</summary>
    public static string ProjectFolder(AuditReport report)
    {
        if (report.Subject.Repository is not { } repo)
        {
            return "";
        }

        var relative = Path.GetRelativePath(repo.Root, report.Subject.Path).Replace('\\', '/');
        return relative == "." || relative.StartsWith("..", StringComparison.Ordinal) ? "" : relative.Trim('/');
    }

    private static JsonObject Rule(Finding finding) => new()
    {
        ["id"] = finding.RuleId,
        ["name"] = finding.Slug,
        ["shortDescription"] = new JsonObject { ["text"] = finding.Title },
        ["fullDescription"] = new JsonObject { ["text"] = finding.Rationale.Length > 0 ? finding.Rationale : finding.Title },
        ["help"] = new JsonObject
        {
            ["text"] = finding.Remediation.Length > 0 ? finding.Remediation : finding.Title,
            ["markdown"] = $"{finding.Rationale}\n\n**Remediation**\n\n{finding.Remediation}".Trim(),
        },
        ["defaultConfiguration"] = new JsonObject { ["level"] = LevelOf(finding.Severity) },
        ["properties"] = new JsonObject
        {
            ["tags"] = new JsonArray("mlops", $"level-{finding.Level}", finding.Category),
            ["precision"] = "high",
            ["problem.severity"] = finding.Severity is Severity.Critical or Severity.High ? "error" : finding.Severity == Severity.Medium ? "warning" : "recommendation",
        },
    };

    private static JsonObject Result(Finding finding, int index, string project, SarifOptions options)
    {
        var (path, line) = FileLocation(finding.Evidence.FirstOrDefault(e => e.Kind == "file")?.Value);
        var file = path is null
            ? (project.Length == 0 ? options.AnchorFile : $"{project}/{options.AnchorFile}")
            : project.Length == 0 || path.StartsWith(project + "/", StringComparison.Ordinal) ? path : $"{project}/{path}";
        return new JsonObject
        {
            ["ruleId"] = finding.RuleId,
            ["ruleIndex"] = index,
            ["level"] = LevelOf(finding.Severity),
            ["message"] = new JsonObject { ["text"] = $"{finding.Title}: {finding.Message}" },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = EscapeUri(file), ["uriBaseId"] = SrcRoot },
                    ["region"] = new JsonObject { ["startLine"] = line },
                },
            }),
            ["properties"] = new JsonObject { ["outcome"] = Labels.Of(finding.Outcome), ["evidenceTotal"] = finding.EvidenceTotal },
        };
    }

    /// <summary>File evidence is a path relative to the audited folder, with ":line" when a line applies.</summary>
    private static (string? Path, int Line) FileLocation(string? value)
    {
        if (value is null)
        {
            return (null, 1);
        }

        var colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value[(colon + 1)..], out var line) && line > 0 ? (value[..colon], line) : (value, 1);
    }

    private static JsonObject? Provenance(AuditReport report, SarifOptions options)
    {
        if (report.Subject.Repository is not { Head: { } head } repo)
        {
            return null;
        }

        var provenance = new JsonObject
        {
            ["repositoryUri"] = options.RepositoryUri ?? new Uri(repo.Root.TrimEnd('/') + "/").AbsoluteUri,
            ["revisionId"] = head,
        };
        if (repo.Branch is { } branch)
        {
            provenance["branch"] = branch;
        }

        return provenance;
    }

    private static string EscapeUri(string relativePath) =>
        string.Join('/', relativePath.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
}
