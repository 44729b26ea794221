namespace Auditor.Core.Evidence;

/// <summary>
/// A test module (pytest <c>test_*.py</c>/<c>*_test.py</c>, <c>conftest.py</c>, or a unittest.TestCase).
/// <see cref="MlModulesImported"/> lists the project's training/feature modules it imports.
/// </summary>
public sealed record TestFile(SourceLocation Location, string Framework, IReadOnlyList<string> MlModulesImported)
{
    public bool TouchesMlCode => MlModulesImported.Count > 0;
}
