namespace Auditor.Evidence.MLflow;

/// <summary>
/// What reading a store needs from the process: its environment variables (credentials, TLS and timeout
/// settings), where the artifacts of a store without a folder are, and for tests an HTTP handler and short delays.
/// </summary>
public sealed record TrackingReadOptions
{
    public static readonly TrackingReadOptions Default = new();

    /// <summary>Environment variables (<c>MLFLOW_TRACKING_*</c>, <c>PG*</c>, <c>MYSQL_*</c>); the process environment by default.</summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// Folders that hold the store's artifacts, for stores read on this machine (file, SQLite, and PostgreSQL and MySQL,
    /// which have no folder of their own): recorded paths that do not exist as written are looked up under them by the part
    /// after <c>mlruns</c> (after a file or SQLite store's own folders), and <c>mlflow-artifacts:/&lt;path&gt;</c>, which
    /// only these roots resolve, as <c>&lt;root&gt;/&lt;path&gt;</c>. A tracking server reads its own artifacts, so REST
    /// ignores them.
    /// </summary>
    public IReadOnlyList<string> ArtifactRoots { get; init; } = [];

    /// <summary>
    /// The audited project. A recorded artifact path that exists on this machine is read only inside it, the store's own
    /// folder or the artifact roots; anything elsewhere is refused (see <c>ArtifactPath</c>).
    /// </summary>
    public string? ProjectPath { get; init; }

    /// <summary>
    /// The operator's <c>--artifact-credentials</c>: object storage may be read with the cloud SDK's own default
    /// credential chain (instance roles, web identity, ...) when <see cref="Variables"/> hold no credentials for it.
    /// Without it, object storage is read only with credentials in <see cref="Variables"/>.
    /// </summary>
    public bool ArtifactCredentials { get; init; }

    /// <summary>The HTTP handler for REST stores; null builds one from the TLS variables.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Per-request timeout; null reads <c>MLFLOW_HTTP_REQUEST_TIMEOUT</c> (seconds, default 120).</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Retries on 429, 5xx and connection failures; null reads <c>MLFLOW_HTTP_REQUEST_MAX_RETRIES</c> (default 5).</summary>
    public int? MaxRetries { get; init; }

    /// <summary>The first back-off delay; it doubles on each retry (capped at 30 s). A <c>Retry-After</c> header wins.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests in flight at once against one server.</summary>
    public int MaxConcurrentRequests { get; init; } = 4;

    /// <summary>Runs, experiments and models asked for per page.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Pages of one search after which the server is taken to page forever; the search stops there and the store is partly read.</summary>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>
    /// The whole read of a tracking server (every request, retry and wait); when it passes, the audit goes on with what was
    /// read and the store is partly read. Null: <see cref="DefaultDeadline"/>. The CLI sets it from <c>--timeout</c> or <c>MLAUDIT_TIMEOUT</c>.
    /// </summary>
    public TimeSpan? Deadline { get; init; }

    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(10);

    /// <summary>The largest answer read from a tracking server; null reads <c>MLAUDIT_REST_MAX_RESPONSE_MB</c> (default 64 MiB, as for store files).</summary>
    public long? MaxResponseBytes { get; init; }

    /// <summary>All answers of one audit together; null reads <c>MLAUDIT_REST_MAX_TOTAL_MB</c> (default 192 MiB: with the item bound, what keeps the reader under 1 GB of memory).</summary>
    public long? MaxTotalBytes { get; init; }

    /// <summary>Items (experiments, runs, models, versions, logged models, listed files) read from a server in one audit; null reads <c>MLAUDIT_REST_MAX_ITEMS</c> (default 250,000).</summary>
    public int? MaxItems { get; init; }

    /// <summary>Redirects followed per request, each only within the server's origin (scheme, host and port).</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>The clock of the deadline and of retry waits; tests pass a fast one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public CancellationToken Cancellation { get; init; }
}
