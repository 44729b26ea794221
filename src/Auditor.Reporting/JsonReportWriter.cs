using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Auditor.Core.Reporting;

namespace Auditor.Reporting;

/// <summary>
/// Writes the report as JSON, the public contract: camelCase fields, kebab-case enum values. The default
/// encoder escapes &lt;, &gt;, &amp; and quotes, so the JSON is safe to embed in a page too. The metadata is
/// source-generated (<see cref="ReportJsonContext"/>), so the Native AOT build needs no reflection.
/// </summary>
public static class JsonReportWriter
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Default,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = ReportJsonContext.Default,
        // Every enum of the model by name: the test KebabCaseEnumsTests fails when an enum reachable from the report has none.
        Converters =
        {
            new KebabCaseEnum<Auditor.Core.Assessment.ApprovalState>(),
            new KebabCaseEnum<Auditor.Core.Assessment.AttestationAnswer>(),
            new KebabCaseEnum<Auditor.Core.Assessment.PolicyDecisionKind>(),
            new KebabCaseEnum<Auditor.Core.Assessment.ProjectTrackingUriUse>(),
            new KebabCaseEnum<Auditor.Core.Assessment.WaiverReason>(),
            new KebabCaseEnum<Auditor.Core.Evidence.CiStepKind>(),
            new KebabCaseEnum<Auditor.Core.Evidence.CiTrigger>(),
            new KebabCaseEnum<Auditor.Core.Evidence.CollectionState>(),
            new KebabCaseEnum<Auditor.Core.Evidence.CommitPresence>(),
            new KebabCaseEnum<Auditor.Core.Rules.Basis>(),
            new KebabCaseEnum<Auditor.Core.Rules.ComparisonOperator>(),
            new KebabCaseEnum<Auditor.Core.Rules.Outcome>(),
            new KebabCaseEnum<Auditor.Core.Rules.Severity>(),
            new KebabCaseEnum<Auditor.Core.Rules.Tri>(),
            new KebabCaseEnum<Auditor.Core.Scoring.LevelStatus>(),
            new KebabCaseEnum<Auditor.Core.Trace.ArtifactLinkState>(),
            new KebabCaseEnum<Auditor.Core.Trace.CommitState>(),
            new KebabCaseEnum<Auditor.Core.Trace.DataState>(),
            new KebabCaseEnum<Auditor.Core.Trace.EnvironmentState>(),
            new KebabCaseEnum<Auditor.Core.Trace.PromptLinkState>(),
            new KebabCaseEnum<Auditor.Core.Trace.RunState>(),
            new KebabCaseEnum<Auditor.Core.Trace.Verdict>(),
            new KebabCaseEnum<Auditor.Core.Tracking.Lifecycle>(),
            new KebabCaseEnum<Auditor.Core.Tracking.ModelArtifactState>(),
            new KebabCaseEnum<Auditor.Core.Tracking.RunStatus>(),
            new KebabCaseEnum<Auditor.Core.Tracking.TrackingSource>(),
            new KebabCaseEnum<Auditor.Core.Tracking.TrackingState>(),
            new KebabCaseEnum<Auditor.Core.Tracking.TrackingStoreKind>(),
        },
    };

    public static string Serialize(AuditReport report) => JsonSerializer.Serialize(report, Info<AuditReport>(Options));

    public static AuditReport? Deserialize(string json) => JsonSerializer.Deserialize(json, Info<AuditReport>(Options));

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/> (the model's types only).</summary>
    internal static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) =>
        (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
