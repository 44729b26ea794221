using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.TestSuites;

/// <summary>
/// Test modules (pytest and unittest conventions), the project's ML modules (named for training, features,
/// models, preprocessing, evaluation or prediction, or importing an ML library), which tests import them,
/// and notebooks versus scripts.
/// </summary>
internal static partial class TestReader
{
    private static readonly string[] MlLibraries =
        ["sklearn", "torch", "tensorflow", "keras", "xgboost", "lightgbm", "catboost", "mlflow", "transformers", "jax", "statsmodels"];

    public static TestSuite Read(ProjectContext context)
    {
        var python = context.Files.Where(f => f.Extension == ".py").ToList();
        var tests = python.Where(f => IsTestName(f) || (context.Read(f)?.Contains("unittest.TestCase", StringComparison.Ordinal) ?? false)).ToList();
        var sources = python.Except(tests).ToList();
        var mlModules = sources.Where(f => MlName().IsMatch(Path.GetFileNameWithoutExtension(f.Name)) || ImportsMlLibrary(context, f))
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

    private static bool IsTestName(ProjectFile file) =>
        file.Name.StartsWith("test_", StringComparison.Ordinal) || file.Name.EndsWith("_test.py", StringComparison.Ordinal) || file.Name == "conftest.py";

    private static bool ImportsMlLibrary(ProjectContext context, ProjectFile file) =>
        context.Read(file) is { } text && PythonImports.Of(text).Any(m => MlLibraries.Contains(m.Split('.')[0]));

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

    [GeneratedRegex(@"^(train\w*|.*_train(ing)?|features?|feature_\w+|.*_features?|models?|model_\w+|preprocess\w*|evaluat\w*|predict\w*|inference|pipeline)$")]
    private static partial Regex MlName();
}
