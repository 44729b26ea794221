namespace Auditor.Benchmarks;

/// <summary>
/// The shape of the scale fixtures (MANIFEST.md): experiments of 500 runs, 10 params, 6 tags (+ a git commit on
/// about 69% of runs), 5 metric keys logged at <see cref="Steps"/> steps; FINISHED/FAILED/KILLED as in the fixture.
/// </summary>
internal sealed record SyntheticShape(int Runs, int Steps)
{
    public const int RunsPerExperiment = 500;

    public int Experiments => Math.Max(1, (Runs + RunsPerExperiment - 1) / RunsPerExperiment);

    public IEnumerable<SyntheticRun> RunsOf(int experiment)
    {
        var first = experiment * RunsPerExperiment;
        for (var i = first; i < Math.Min(Runs, first + RunsPerExperiment); i++)
        {
            yield return SyntheticRun.Create(i, experiment, Steps);
        }
    }
}
