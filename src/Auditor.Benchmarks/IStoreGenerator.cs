namespace Auditor.Benchmarks;

internal interface IStoreGenerator
{
    void Write(SyntheticShape shape);
}
