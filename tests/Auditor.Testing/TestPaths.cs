namespace Auditor.Testing;

/// <summary>Where the repository and its test data are, found from the test assembly's folder.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TestData => Path.Combine(RepositoryRoot, "tests", "TestData");

    public static string Fixtures => Path.Combine(TestData, "fixtures");

    public static string Rules => Path.Combine(RepositoryRoot, "rules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Auditor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Auditor.sln not found above " + AppContext.BaseDirectory);
    }
}
