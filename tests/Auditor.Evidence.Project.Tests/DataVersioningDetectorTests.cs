namespace Auditor.Evidence.Project.Tests;

/// <summary>Data versioning means data under DVC, Git LFS or lakeFS; dvc init, comments and a .dvcignore do not.</summary>
public sealed class DataVersioningDetectorTests
{
    private static readonly Corpus LookAlikes = new()
    {
        ["dvc init only"] = [(".dvc/config", ""), (".dvc/.gitignore", "/config.local\n/tmp\n/cache\n"), (".dvcignore", "# Add patterns\n")],
        ["a DVC remote but nothing tracked"] = [(".dvc/config", "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://bucket/dvc\n")],
        [".dvcignore alone"] = [(".dvcignore", "*.tmp\n")],
        ["a commented-out LFS pattern"] = [(".gitattributes", "# *.parquet filter=lfs diff=lfs merge=lfs -text\n*.py text\n")],
        ["lakeFS named in a comment"] = [("src/load.py", "# TODO: read from lakefs://repo/main/data later\n# import lakefs\nimport pandas as pd\n")],
        ["a DVC metrics-only dvc.yaml"] = [(".dvc/config", ""), ("dvc.yaml", "metrics:\n  - dvclive/metrics.json\n")],
    };

    public static TheoryData<string> LookAlikeNames => LookAlikes.Names;

    [Theory]
    [MemberData(nameof(LookAlikeNames))]
    public void Look_alikes_are_not_data_versioning(string situation)
    {
        var found = LookAlikes.Collect(situation).DataVersioning;

        Assert.True(found.Count == 0, $"{situation}: {string.Join(", ", found.Select(d => $"{d.Kind} {d.Location.Path}"))}");
    }

    [Theory]
    [InlineData("dvc", ".dvc/config", "[core]\n    remote = s\n['remote \"s\"']\n    url = s3://b/d\n", "data/raw.csv.dvc", "outs:\n- md5: ab\n  path: raw.csv\n")]
    [InlineData("dvc", ".dvc/config", "", "dvc.lock", "schema: '2.0'\nstages:\n  prepare:\n    cmd: python prepare.py\n    outs:\n    - path: data/clean.csv\n      md5: ab\n")]
    [InlineData("git-lfs", ".gitattributes", "data/** filter=lfs diff=lfs merge=lfs -text\n", "README.md", "")]
    [InlineData("lakefs", "src/load.py", "import lakefs\nrepo = lakefs.repository('churn')\n", "README.md", "")]
    [InlineData("lakefs", ".lakectl.yaml", "server:\n  endpoint_url: http://lakefs\n", "README.md", "")]
    public void Versioned_data_is_recognised(string kind, string path, string content, string otherPath, string otherContent)
    {
        var found = ProjectFolder.Of([(path, content), (otherPath, otherContent)]).DataVersioning;

        Assert.Equal(kind, Assert.Single(found).Kind);
    }
}
