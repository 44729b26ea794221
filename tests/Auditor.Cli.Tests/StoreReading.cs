using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow;

namespace Auditor.Cli.Tests;

/// <summary>Reads a project's store where MLflow's default puts it, for a test server to serve.</summary>
internal static class StoreReading
{
    public static TrackingStore Default(string project)
    {
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Resolve(null, project, _ => null, project));
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
