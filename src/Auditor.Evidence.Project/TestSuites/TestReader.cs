using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.TestSuites;

/// <summary>
/// Test modules, the project's ML modules, which tests import them, and notebooks versus scripts. Accepted positive signals:
/// a test module is a file pytest collects (<c>test_*.py</c>, <c>*_test.py</c>) or a module with a <c>unittest.TestCase</c>
/// subclass, that defines at least one test function or method whose body tests something (<see cref="TestFunctions"/>);
/// an ML module is a script that imports an ML library, is named for training, features, preprocessing, evaluation,
/// prediction or inference, or is named <c>model(s)</c>/<c>model_*</c>/<c>pipeline</c> and imports a data library (numpy, pandas, polars, scipy, pyspark, …);
/// a test touches ML code when it imports such a module of the project.
/// Not tests: <c>conftest.py</c> (fixtures only), a <c>test_*.py</c> script with no test function (a train/test split script),
/// placeholder tests (<c>assert True</c>, <c>pass</c>), <c>unittest.TestCase</c> named in a comment. Not ML modules: a
/// <c>models.py</c> of database or API schemas, a test importing scikit-learn itself rather than the project's code.
/// </summary>
internal static partial class TestReader
{
    private static readonly string[] MlLibraries =
        ["sklearn", "torch", "tensorflow", "keras", "xgboost", "lightgbm", "catboost", "mlflow", "transformers", "jax", "statsmodels"];

    private static readonly string[] DataLibraries = ["numpy", "pandas", "polars", "scipy", "pyspark", "pyarrow", "dask", "datasets"];

    public static TestSuite Read(ProjectContext context)
    {
        var python = context.Files.Where(f => f.Extension == ".py").ToList();
        var tests = python.Where(f => IsTest(context, f)).ToList();
        var sources = python.Except(tests).Where(f => f.Name != "conftest.py").ToList();
        var mlModules = sources.Where(f => !IsTestName(f)).Where(f => ImportsAny(context, f, MlLibraries) || MlName().IsMatch(Path.GetFileNameWithoutExtension(f.Name))
                || (AmbiguousName().IsMatch(Path.GetFileNameWithoutExtension(f.Name)) && ImportsAny(context, f, DataLibraries)))
            .Select(ModuleName)
            .ToList();
        var suffixes = mlModules.SelectMany(Suffixes).ToHashSet(StringComparer.Ordinal);

        var files = tests.Select(test =>
        {
            var text = context.Read(test) ?? "";
            var framework = text.Contains("unittest", StringComparison.Ordinal) && !text.Contains("pytest", StringComparison.Ordinal) ? "unittest" : "pytest";
            var touched = PythonImports.Of(text).Where(suffixes.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
            return new TestFile(context.Locate(test), framework, touched);
        }).ToList();

        return new TestSuite
        {
            Files = files,
            Folders = context.Files.Select(f => f.Folder).Distinct()
                .Where(folder => folder.Split('/').Any(part => part is "test" or "tests"))
                .Select(folder => string.Join('/', folder.Split('/').TakeWhile(part => part is not "test" and not "tests").Append(folder.Split('/').First(part => part is "test" or "tests"))))
                .Distinct().Order(StringComparer.Ordinal).ToList(),
            MlModules = mlModules,
            Notebooks = context.Files.Where(f => f.Extension == ".ipynb").Select(f => context.Locate(f)).ToList(),
            Scripts = sources.Count,
        };
    }

    private static bool IsTest(ProjectContext context, ProjectFile file) =>
        context.Read(file) is { } text && (IsTestName(file) || TestCaseClass().IsMatch(text)) && TestFunctions.HasRealTest(text);

    private static bool IsTestName(ProjectFile file) =>
        file.Name.StartsWith("test_", StringComparison.Ordinal) || file.Name.EndsWith("_test.py", StringComparison.Ordinal);

    private static bool ImportsAny(ProjectContext context, ProjectFile file, string[] libraries) =>
        context.Read(file) is { } text && PythonImports.Of(text).Any(m => libraries.Contains(m.Split('.')[0]));

    /// <summary>"src/churn/train.py" is importable as churn.train (src layout) or src.churn.train.</summary>
    private static string ModuleName(ProjectFile file)
    {
        var path = file.RelativePath[..^3].Replace('/', '.');
        return path.EndsWith(".__init__", StringComparison.Ordinal) ? path[..^9] : path;
    }

    private static IEnumerable<string> Suffixes(string module)
    {
        var parts = module.Split('.');
        return Enumerable.Range(0, parts.Length).Select(i => string.Join('.', parts[i..]));
    }

    [GeneratedRegex(@"^\s*class\s+\w+\s*\([^)]*\b(unittest\.)?TestCase\b", RegexOptions.Multiline)]
    private static partial Regex TestCaseClass();

    [GeneratedRegex(@"^(train\w*|.*_train(ing)?|features?|feature_\w+|.*_features?|preprocess\w*|evaluat\w*|predict\w*|inference)$")]
    private static partial Regex MlName();

    /// <summary>Names that are ML code only when the module works on data: <c>models.py</c> is as often a database or API schema.</summary>
    [GeneratedRegex(@"^(models?|model_\w+|pipeline)$")]
    private static partial Regex AmbiguousName();
}
