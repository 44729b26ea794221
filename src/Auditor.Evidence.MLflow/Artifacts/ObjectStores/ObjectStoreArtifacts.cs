using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Rest;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// Reads models in one kind of object storage: the folder is listed once (so what does not exist is known without
/// asking for it, and a file over the bound is never requested), then <c>MLmodel</c> and <c>requirements.txt</c> are
/// downloaded: at most three requests per model. Without a <paramref name="store"/> (no credentials the operator allows)
/// nothing is asked and the model stays unknown with <paramref name="withoutStore"/> as its reason, logged once.
/// Every read shares one deadline; a bounded number of folders are read at once. A refusal or failure costs that model
/// (unknown, with the reason); a bucket or folder that does not exist is missing.
/// </summary>
internal sealed class ObjectStoreArtifacts(string source, IObjectStore? store, string? withoutStore, TrackingReadOptions options, ProblemLog problems) : IModelArtifactSource, IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentRequests));
    private readonly CancellationTokenSource _deadline = Deadline(options);
    private readonly TimeSpan _deadlineSpan = options.Deadline is { } d && d > TimeSpan.Zero ? d : TrackingReadOptions.DefaultDeadline;
    private int _loggedWithout;

    public async Task<ModelArtifact> ReadAsync(string uri)
    {
        if (ObjectStoreUri.Parse(uri, out var refusal) is not { } folder)
        {
            problems.Add(ArtifactPath.Shown(uri), refusal!);
            return new ModelArtifact { Uri = uri, State = ModelArtifactState.Refused, Reason = refusal };
        }

        if (store is null)
        {
            if (Interlocked.Exchange(ref _loggedWithout, 1) == 0)
            {
                problems.Add(ArtifactPath.Shown(uri), withoutStore!);
            }

            return new ModelArtifact { Uri = uri, State = ModelArtifactState.Remote, Reason = withoutStore };
        }

        try
        {
            await _slots.WaitAsync(_deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!options.Cancellation.IsCancellationRequested)
        {
            return Failed(uri, DeadlineMessage);
        }

        try
        {
            var files = await store.ListAsync(folder, _deadline.Token).ConfigureAwait(false);
            if (files is null)
            {
                return new ModelArtifact { Uri = uri, State = ModelArtifactState.Missing, ReadFrom = source };
            }

            var model = new RestModelFolder(uri, files, (name, maxBytes) => DownloadAsync(folder, name, maxBytes), source);
            return await MLmodelReader.ReadAsync(uri, model, problems).ConfigureAwait(false);
        }
        catch (ObjectStoreException e)
        {
            return Failed(uri, e.Message);
        }
        catch (OperationCanceledException) when (!options.Cancellation.IsCancellationRequested)
        {
            return Failed(uri, DeadlineMessage);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        _deadline.Dispose();
    }

    private string DeadlineMessage => $"the deadline for reading object storage ({RestLimits.Duration(_deadlineSpan)}) passed; not read (set --timeout or MLAUDIT_TIMEOUT to wait longer)";

    private async Task<string?> DownloadAsync(ObjectStoreUri folder, string name, int maxBytes)
    {
        try
        {
            return await store!.ReadTextAsync(folder, name, maxBytes, _deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!options.Cancellation.IsCancellationRequested)
        {
            throw new ObjectStoreException(DeadlineMessage);
        }
    }

    private ModelArtifact Failed(string uri, string message)
    {
        problems.Add(ArtifactPath.Shown(uri), message);
        return new ModelArtifact { Uri = uri, State = ModelArtifactState.Unreadable, ReadFrom = source, Reason = message };
    }

    private static CancellationTokenSource Deadline(TrackingReadOptions options)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation);
        deadline.CancelAfter(options.Deadline is { } d && d > TimeSpan.Zero ? d : TrackingReadOptions.DefaultDeadline);
        return deadline;
    }
}
