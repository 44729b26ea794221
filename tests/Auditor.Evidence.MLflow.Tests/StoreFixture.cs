using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>Unpacks a fixture and reads its store the way an audit of the project folder would find it.</summary>
internal static class StoreFixture
{
    public static TrackingStore Read(Fixture fixture)
    {
        var location = TrackingUriResolver.Resolve(null, fixture.Path, _ => null, fixture.Path);
        var collected = TrackingStoreReader.Collect(location);
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
