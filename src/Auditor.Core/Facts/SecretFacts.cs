using Auditor.Core.Evidence;
using Auditor.Core.Rules;
using Auditor.Core.Tracking;

namespace Auditor.Core.Facts;

/// <summary>Credentials logged into the tracking store as run params or tags, experiment tags or model tags.</summary>
public sealed class SecretFacts : TrackingFactProvider
{
    private static readonly FactDescriptor Secrets = new("security.secretsInTrackingData", "number",
        "Params and tags (runs, experiments, registered models and versions) whose value looks like a credential.");

    public override IReadOnlyList<FactDescriptor> Descriptors { get; } = [Secrets];

    protected override IEnumerable<Fact> Derive(TrackingStore store, EvidenceBundle evidence)
    {
        var hits = new List<EvidenceRef>();
        var scanner = new SecretScanner();
        foreach (var run in store.Runs)
        {
            Scan(run.Params, "param", "run", run.Id, hits, scanner);
            Scan(run.Tags.Where(t => t.Key != SystemTags.LogModelHistory), "tag", "run", run.Id, hits, scanner);
        }

        foreach (var experiment in store.Experiments)
        {
            Scan(experiment.Tags, "tag", "experiment", experiment.Id, hits, scanner);
        }

        foreach (var model in store.RegisteredModels)
        {
            Scan(model.Tags, "tag", "registered-model", model.Name, hits, scanner);
            foreach (var version in model.Versions)
            {
                Scan(version.Tags, "tag", "model-version", $"{model.Name}/{version.Version}", hits, scanner);
            }
        }

        yield return Fact.Known(Secrets.Name, FactValue.Of(hits.Count), hits);
    }

    private static void Scan(IEnumerable<KeyValuePair<string, string>> values, string what, string kind, string owner, List<EvidenceRef> hits, SecretScanner scanner)
    {
        foreach (var (key, value) in values)
        {
            if (scanner.Classify(key, value) is { } secret)
            {
                hits.Add(new EvidenceRef(kind, owner, $"{what} {key} holds a {secret}: {SecretPatterns.Mask(value)}"));
            }
        }
    }
}
