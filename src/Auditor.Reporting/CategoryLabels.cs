namespace Auditor.Reporting;

/// <summary>How every human-readable format names a rule category ("CI/CD", not "ci-cd"); an unknown category shows as itself.</summary>
public static class CategoryLabels
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["versioning"] = "Versioning",
        ["environment"] = "Environment",
        ["tracking"] = "Experiment tracking",
        ["model-management"] = "Model management",
        ["data"] = "Data",
        ["testing"] = "Testing",
        ["ci-cd"] = "CI/CD",
        ["deployment"] = "Deployment",
        ["monitoring"] = "Monitoring",
        ["security"] = "Security",
        ["process"] = "Process",
    };

    public static string Of(string category) => Names.GetValueOrDefault(category, category);
}
