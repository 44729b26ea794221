using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Auditor.Reporting;

/// <summary>
/// The <c>partialFingerprints</c> value of a result: a hash of the rule, the audited folder and the evidence file (without
/// its line), never of file content, so an edit to README.md or a moved line keeps the alert and its dismissal. It is
/// also given as <c>primaryLocationLineHash</c>: GitHub's upload computes that one from the text at the result's line
/// only when it is missing, which is what made every README edit close and reopen every alert.
/// </summary>
internal static class SarifFingerprint
{
    public const string Key = "mlauditFinding/v1";

    public static JsonObject Partial(string ruleId, string project, string? evidenceFile)
    {
        var hash = Of(ruleId, project, evidenceFile);
        return new JsonObject { [Key] = hash, ["primaryLocationLineHash"] = $"{hash}:1" };
    }

    public static string Of(string ruleId, string project, string? evidenceFile)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{project}\n{evidenceFile ?? ""}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
