namespace Auditor.Benchmarks;

internal static class Median
{
    public static double Of(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Format(IReadOnlyList<double> seconds) =>
        $"median {Of(seconds):F3} s (min {seconds.Min():F3}, max {seconds.Max():F3}, n={seconds.Count})";
}
