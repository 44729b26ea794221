using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>An audit writes nothing into the audited repository: not the index, not a lock file, not a ref.</summary>
public sealed class ReadOnlyAuditTests
{
    [Fact]
    public void Full_collection_leaves_the_git_folder_of_a_dirty_repository_unchanged()
    {
        using var fixture = Fixture.Unpack("tracked-file");
        File.AppendAllText(Path.Combine(fixture.Path, "train.py"), "\n# local edit\n");
        File.WriteAllText(Path.Combine(fixture.Path, "scratch.py"), "print('untracked')\n");
        File.SetLastWriteTimeUtc(Path.Combine(fixture.Path, "requirements.txt"), DateTime.UtcNow.AddMinutes(3));
        var before = GitFolderSnapshot.Take(fixture.Path);
        var settings = AuditSettings.Create(fixture.Path, null, ["json"], null, null, null, fixture.Path);
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            CurrentDirectory = fixture.Path,
            Variables = _ => null,
            Clock = () => CliRun.Now,
        };

        var evidence = AuditPipeline.Collect(settings, environment);

        Assert.True(evidence.Repository.Value!.Dirty);
        Assert.Equal(2, evidence.Commits.Value!.Count);
        Assert.Contains(evidence.Project.Value!.Tests.Files, t => t.Location.Commit is not null);
        Assert.Equal(before, GitFolderSnapshot.Take(fixture.Path));
    }
}
