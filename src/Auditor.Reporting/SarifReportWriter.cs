using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: one run, every rule in <c>tool.driver.rules</c> (passing ones too, so fixed
/// alerts close), results for failing findings and, suppressed, for waived ones; each located at a real file relative to
/// <c>%SRCROOT%</c> and fingerprinted by rule and evidence file (<see cref="SarifFingerprint"/>). No local path is written.
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
        var rules = new JsonArray(report.Findings.Select(f => (JsonNode?)SarifRuleDescriptor.Of(f, options)).ToArray());
        var results = new JsonArray(report.Findings.Select((f, i) => (f, i)).Where(x => x.f.IsFailing() || x.f.IsWaived)
            .Select(x => (JsonNode?)Result(x.f, x.i, project, options)).ToArray());
        var driver = new JsonObject
        {
            ["name"] = report.Tool.Name,
            ["version"] = report.Tool.Version,
            ["semanticVersion"] = report.Tool.Version,
            ["rules"] = rules,
        };
        if (options.InformationUri is { } information)
        {
            driver["informationUri"] = information;
        }

        var run = new JsonObject
        {
            ["tool"] = new JsonObject { ["driver"] = driver },
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
            ["file"] = policy.File is null ? null : Path.GetFileName(policy.File),
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

    private static JsonObject Result(Finding finding, int index, string project, SarifOptions options)
    {
        var (path, line) = FileLocation(finding.Evidence.FirstOrDefault(e => e.Kind == "file")?.Value);
        var relative = path ?? options.CategoryFiles.GetValueOrDefault(finding.Category) ?? options.AnchorFile;
        var file = project.Length == 0 || (path is not null && path.StartsWith(project + "/", StringComparison.Ordinal)) ? relative : $"{project}/{relative}";
        var result = new JsonObject
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
            ["partialFingerprints"] = SarifFingerprint.Partial(finding.RuleId, project, path),
            ["properties"] = new JsonObject { ["outcome"] = Labels.Of(finding.Outcome), ["evidenceTotal"] = finding.EvidenceTotal },
        };
        if (finding.IsWaived && finding.Waiver is { } waiver)
        {
            result["suppressions"] = new JsonArray(new JsonObject
            {
                ["kind"] = "external",
                ["status"] = "accepted",
                ["justification"] = $"{Labels.Of(waiver.Reason)}: {waiver.Justification} (owner {waiver.Owner}, until {waiver.Expires:yyyy-MM-dd})",
            });
        }

        return result;
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

    /// <summary>Only with the repository's public URI (CI): a local folder is no provenance and must not leak.</summary>
    private static JsonObject? Provenance(AuditReport report, SarifOptions options)
    {
        if (report.Subject.Repository is not { Head: { } head } repo || options.RepositoryUri is not { } uri)
        {
            return null;
        }

        var provenance = new JsonObject { ["repositoryUri"] = uri, ["revisionId"] = head };
        if (repo.Branch is { } branch)
        {
            provenance["branch"] = branch;
        }

        return provenance;
    }

    private static string EscapeUri(string relativePath) =>
        string.Join('/', relativePath.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
}
