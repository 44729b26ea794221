using System.Globalization;

namespace Auditor.Benchmarks;

/// <summary>One deterministic synthetic run (seeded by its index), values formatted as MLflow's Python client writes them.</summary>
internal sealed record SyntheticRun(
    string Id,
    string Name,
    string User,
    string Status,
    long StartTime,
    long EndTime,
    IReadOnlyList<(string Key, string Value)> Params,
    IReadOnlyList<(string Key, string Value)> Tags,
    IReadOnlyList<(string Key, IReadOnlyList<(long Timestamp, double Value, long Step)> Points)> Metrics)
{
    private static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin"];
    private static readonly string[] Models = ["linear", "ridge", "lasso", "gbm"];
    private static readonly string[] MetricKeys = ["lr", "mae_val", "r2_val", "rmse_train", "rmse_val"];
    private static readonly long Start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static SyntheticRun Create(int index, int experiment, int steps)
    {
        var random = new Random(index);
        var id = Hex(random);
        var model = Models[random.Next(Models.Length)];
        var user = Users[random.Next(Users.Length)];
        var name = $"{model}-{experiment:000}-{index % SyntheticShape.RunsPerExperiment:0000}";
        var roll = random.Next(10_000);
        var status = roll < 9_489 ? "FINISHED" : roll < 9_756 ? "FAILED" : "KILLED";
        var start = Start + (long)(random.NextDouble() * 300 * 86_400_000L);
        string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);
        var parameters = new List<(string, string)>
        {
            ("alpha", F(Math.Round(random.NextDouble() * 10, 4))), ("data_month", $"2023-{random.Next(1, 13):00}"),
            ("features", "PU_DO,trip_distance"), ("fit_intercept", random.Next(2) == 0 ? "True" : "False"),
            ("l1_ratio", F(Math.Round(random.NextDouble(), 3))), ("max_iter", "5000"), ("model", model),
            ("rows", "10000"), ("seed", random.Next(1000).ToString(CultureInfo.InvariantCulture)), ("target", "duration"),
        };
        var tags = new List<(string, string)>
        {
            ("developer", user), ("mlflow.runName", name), ("mlflow.source.name", "train.py"),
            ("mlflow.source.type", "LOCAL"), ("mlflow.user", user), ("team", $"team-{random.Next(1, 6)}"),
        };
        if (random.Next(100) < 69)
        {
            tags.Add(("mlflow.source.git.commit", Hex(new Random(random.Next(40))) + "deadbeef"));
        }

        var metrics = MetricKeys.Select(key =>
        {
            var baseValue = 5 + (random.NextDouble() * 20);
            var points = Enumerable.Range(0, steps).Select(s => (start + (s * 1000L), key == "lr" ? 0.1 * Math.Pow(0.9, s) : baseValue / (1 + (0.3 * s)), (long)s)).ToList();
            return (key, (IReadOnlyList<(long, double, long)>)points);
        }).ToList();
        return new SyntheticRun(id, name, user, status, start, start + 1000L * steps + random.Next(600_000), parameters, tags, metrics);
    }

    public static string FormatValue(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Hex(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
