using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.FileStore;
using Auditor.Evidence.MLflow.Rest;
using Auditor.Evidence.MLflow.Sql;

namespace Auditor.Evidence.MLflow;

/// <summary>Reads the store at a resolved location; a store that cannot be read becomes a failed collection, not a crash.</summary>
public static class TrackingStoreReader
{
    public static Collected<TrackingStore> Collect(TrackingLocation? location) => Collect(location, TrackingReadOptions.Default);

    /// <summary>Reads the store; remote stores (PostgreSQL, MySQL, REST) take credentials and settings, local readers extra artifact roots, from <paramref name="options"/>.</summary>
    public static Collected<TrackingStore> Collect(TrackingLocation? location, TrackingReadOptions options)
    {
        if (location is null)
        {
            return Collected<TrackingStore>.Absent($"no tracking store: none was named (--tracking-uri, MLFLOW_TRACKING_URI) and the project holds no mlruns folder with experiments and no MLflow SQLite database (looked {StoreDiscovery.MaxDepth} folders down)");
        }

        try
        {
            var store = location.Kind switch
            {
                TrackingStoreKind.File => FileStoreReader.Read(location.Target, location.RedactedUri, options.ArtifactRoots, options.ProjectPath, options),
                TrackingStoreKind.Sqlite => SqliteStoreReader.Read(location.Target, location.RedactedUri, options.ArtifactRoots, options.ProjectPath, options),
                TrackingStoreKind.Postgresql => PostgresStoreReader.Read(location.Target, location.RedactedUri, options.Variables, options.ArtifactRoots, options.ProjectPath, options),
                TrackingStoreKind.Mysql => MySqlStoreReader.Read(location.Target, location.RedactedUri, options.Variables, options.ArtifactRoots, options.ProjectPath, options),
                TrackingStoreKind.Rest => RestStoreReader.ReadAsync(location.Target, location.RedactedUri, options).GetAwaiter().GetResult(),
                _ => throw new NotSupportedException($"{location.RedactedUri}: reading {location.Kind} tracking stores is not supported yet"),
            };
            return store.PartlyRead is { } reason ? Collected<TrackingStore>.Partial(store, reason) : Collected<TrackingStore>.Present(store);
        }
        catch (StoreContentException e)
        {
            return Collected<TrackingStore>.FailedAfterOpening(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException)
        {
            return Collected<TrackingStore>.Failed(e.Message);
        }
    }
}
