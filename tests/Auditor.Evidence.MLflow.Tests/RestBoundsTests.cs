using System.Diagnostics;
using Auditor.Core.Evidence;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Rest;
using Auditor.Testing;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>The REST reader's bounds on their own: the default deadline (on a fast clock), the limits' sources, and the redirect rule.</summary>
public sealed class RestBoundsTests
{
    private static readonly TrackingStore Store = StoreOf("tracked-sqlite");

    [Fact]
    public void The_default_ten_minute_deadline_ends_a_stalled_read_with_the_store_partly_read()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            HostileAnswers.Stall(context, TimeSpan.FromSeconds(50), server.Stopping);
            return true;
        };
        var clock = Stopwatch.StartNew();

        // 10 minutes of the reader's clock pass in 3 s: the deadline is the default one, not one set for the test.
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(server.Uri, "/"), RestStoreTests.Options() with { Time = new FastTime(200), RequestTimeout = TimeSpan.FromSeconds(30) });

        Assert.Null(RestStoreTests.Options().Deadline);
        Assert.Equal(CollectionState.Partial, collected.State);
        Assert.Contains("the 10 min deadline for reading the server passed", collected.Reason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{clock.Elapsed}");
    }

    [Fact]
    public void Retries_fit_inside_the_deadline()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            MlflowRestServer.Reply(context, 503, "{}", new Dictionary<string, string> { ["Retry-After"] = "60" });
            return true;
        };
        var clock = Stopwatch.StartNew();

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(server.Uri, "/"), RestStoreTests.Options() with { MaxRetries = 5, Deadline = TimeSpan.FromSeconds(30) });

        Assert.Equal(CollectionState.Failed, collected.State);
        Assert.Contains("HTTP 503", collected.Reason, StringComparison.Ordinal);
        Assert.Contains("not retried: the wait of 1 min would pass the deadline", collected.Reason, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
    }

    [Fact]
    public void Limits_come_from_the_options_else_the_variables_else_the_defaults()
    {
        var defaults = RestLimits.From(RestStoreTests.Options());
        var variables = RestLimits.From(RestStoreTests.Options(new Dictionary<string, string>
        {
            ["MLAUDIT_REST_MAX_RESPONSE_MB"] = "2",
            ["MLAUDIT_REST_MAX_TOTAL_MB"] = "3",
            ["MLAUDIT_REST_MAX_ITEMS"] = "7",
        }));
        var options = RestLimits.From(RestStoreTests.Options(new Dictionary<string, string> { ["MLAUDIT_REST_MAX_ITEMS"] = "7" }) with { MaxItems = 9, MaxResponseBytes = 100, Deadline = TimeSpan.FromSeconds(5) });
        var nonsense = RestLimits.From(RestStoreTests.Options(new Dictionary<string, string> { ["MLAUDIT_REST_MAX_ITEMS"] = "-1", ["MLAUDIT_REST_MAX_TOTAL_MB"] = "lots" }));

        Assert.Equal(new RestLimits(64L << 20, 192L << 20, 250_000, 10_000, 5, TimeSpan.FromMinutes(10)), defaults);
        Assert.Equal((2L << 20, 3L << 20, 7), (variables.MaxResponseBytes, variables.MaxTotalBytes, variables.MaxItems));
        Assert.Equal((100L, 9, TimeSpan.FromSeconds(5)), (options.MaxResponseBytes, options.MaxItems, options.Deadline));
        Assert.Equal((defaults.MaxTotalBytes, defaults.MaxItems), (nonsense.MaxTotalBytes, nonsense.MaxItems));
    }

    [Fact]
    public void A_redirect_to_the_same_host_on_another_port_is_another_origin()
    {
        using var elsewhere = new MlflowRestServer(Store);
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            HostileAnswers.Redirect(context, 307, $"http://localhost:{elsewhere.Port}{context.Request.Url!.PathAndQuery}");
            return true;
        };

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(server.Uri, "/"), RestStoreTests.Options());

        Assert.Equal(CollectionState.Failed, collected.State);
        Assert.Contains($"redirected to another origin (http://localhost:{elsewhere.Port})", collected.Reason, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public void An_answer_larger_than_the_bound_by_Content_Length_costs_its_search_not_the_store()
    {
        using var server = new MlflowRestServer(Store);
        server.Intercept = (context, _) =>
        {
            if (!context.Request.Url!.AbsolutePath.EndsWith("registered-models/search", StringComparison.Ordinal))
            {
                return false;
            }

            HostileAnswers.Stream(context, "[", "1,", "1]", 4096, new HostileAnswers.Sent(), announcedLength: 1L << 40);
            return true;
        };

        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Parse(server.Uri, "/"), RestStoreTests.Options());

        Assert.Equal(CollectionState.Partial, collected.State);
        Assert.Equal(Store.Runs.Count, collected.Value!.Runs.Count);
        Assert.Empty(collected.Value.RegisteredModels);
        Assert.Contains(collected.Value.Problems, p => p.Path.EndsWith("registered-models/search", StringComparison.Ordinal) && p.Message.Contains("larger than 64 MiB", StringComparison.Ordinal));
    }

    /// <summary>A clock that runs <paramref name="factor"/> times faster than the real one, timers included.</summary>
    private sealed class FastTime(double factor) : TimeProvider
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly DateTimeOffset _startUtc = DateTimeOffset.UtcNow;

        public override long TimestampFrequency => Stopwatch.Frequency;

        public override long GetTimestamp() => _start + (long)((Stopwatch.GetTimestamp() - _start) * factor);

        public override DateTimeOffset GetUtcNow() => _startUtc + GetElapsedTime(_start);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

        private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / factor;
    }

    private static TrackingStore StoreOf(string name)
    {
        using var fixture = Fixture.Unpack(name);
        return StoreFixture.Read(fixture);
    }
}
