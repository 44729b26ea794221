using Auditor.Core.Trace;

namespace Auditor.Core.Tests;

public sealed class EntryPointsTests
{
    [Fact]
    public void Relative_script_is_looked_up_in_the_project_folder_and_at_the_root() =>
        Assert.Equal(["ml/train.py", "train.py"], EntryPoints.Candidates("./train.py", "ml"));

    [Fact]
    public void Absolute_script_is_matched_by_its_trailing_path() =>
        Assert.Equal(["train.py", "proj/train.py", "u/proj/train.py", "home/u/proj/train.py"], EntryPoints.Candidates("/home/u/proj/train.py", ""));

    [Fact]
    public void Project_run_points_at_the_mlproject_file() =>
        Assert.Equal(["ml/sub/MLproject", "sub/MLproject"], EntryPoints.Candidates("file:///home/u/proj#sub", "ml"));

    [Theory]
    [InlineData(null)]
    [InlineData("<console>")]
    [InlineData("/opt/conda/lib/python3.11/site-packages/ipykernel_launcher.py")]
    public void Notebooks_and_consoles_cannot_be_checked(string? source) =>
        Assert.Empty(EntryPoints.Candidates(source, ""));
}
