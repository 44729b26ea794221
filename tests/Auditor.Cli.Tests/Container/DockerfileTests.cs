using System.Text.RegularExpressions;
using Auditor.Testing;

namespace Auditor.Cli.Tests.Container;

/// <summary>The shipped Dockerfile's stages are the ones the image test builds (<see cref="ContainerRecipe"/>, make-rootfs.sh).</summary>
public sealed partial class DockerfileTests
{
    private static Dockerfile File => Dockerfile.Load(Path.Combine(TestPaths.RepositoryRoot, "Dockerfile"));

    [Fact]
    public void The_runtime_stage_is_the_slim_image_of_the_recipes_suite_with_its_packages()
    {
        var runtime = File.Stages[^1];

        Assert.Equal("runtime", runtime.Name);
        Assert.Equal(ContainerRecipe.BaseImage, runtime.Image);
        Assert.Contains(ContainerRecipe.Suite, runtime.Image);
        var install = Assert.Single(runtime.Commands, c => c.StartsWith("apt-get install", StringComparison.Ordinal));
        Assert.Contains("--no-install-recommends", install);
        var packages = install.Split(' ').Skip(2).Where(w => !w.StartsWith('-')).Order(StringComparer.Ordinal);
        Assert.Equal(ContainerRecipe.Packages.Order(StringComparer.Ordinal), packages);
    }

    [Fact]
    public void The_runtime_stage_runs_the_same_commands_as_the_test_root()
    {
        var expected = RootCommands().Where(c => !c.StartsWith("set ", StringComparison.Ordinal) && !c.StartsWith("rm ", StringComparison.Ordinal)).Select(Normalize).ToList();
        var actual = File["runtime"].Commands.Where(c => !c.StartsWith("rm ", StringComparison.Ordinal) && !c.StartsWith("ln ", StringComparison.Ordinal) && !c.StartsWith("mlaudit ", StringComparison.Ordinal)).Select(Normalize).ToList();

        Assert.Equal(expected, actual);
        Assert.Contains($"useradd --uid {ContainerRecipe.Uid} --user-group --create-home --shell /usr/sbin/nologin {ContainerRecipe.User}", actual);
        Assert.Contains("git config --system --add safe.directory '*'", actual);
    }

    [Fact]
    public void The_image_runs_mlaudit_from_the_publish_output_as_the_non_root_user_in_the_work_volume()
    {
        var runtime = File["runtime"];

        Assert.Equal($"--from=build /out {ContainerRecipe.InstallFolder}", runtime.Single("COPY"));
        Assert.Contains($"ln -s {ContainerRecipe.InstallFolder}/mlaudit {ContainerRecipe.Command}", runtime.Commands);
        // The binary is started once in the runtime stage, after the link: a binary that needs a newer libc fails the build.
        Assert.Equal("mlaudit --version", runtime.Commands[^1]);
        Assert.Equal(ContainerRecipe.User, runtime.Single("USER"));
        Assert.Equal(ContainerRecipe.WorkFolder, runtime.Single("WORKDIR"));
        Assert.Equal([ContainerRecipe.WorkFolder], runtime.Exec("VOLUME"));
        Assert.Equal(ContainerRecipe.Entrypoint, runtime.Exec("ENTRYPOINT"));
        Assert.Equal(["audit"], runtime.Exec("CMD"));
        Assert.Empty(runtime.All("ENV"));
    }

    [Fact]
    public void The_build_stage_publishes_the_native_aot_binary_for_the_target_platform_with_its_linker()
    {
        var dockerfile = System.IO.File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "Dockerfile"));
        var build = File["build"];

        var publish = Assert.Single(build.Commands, c => c.StartsWith("dotnet publish src/Auditor.Cli", StringComparison.Ordinal));
        Assert.DoesNotContain("PublishAot=false", publish);
        Assert.Contains("-p:DebugType=none", publish);
        Assert.Contains("-a \"${TARGETARCH:-amd64}\"", publish);
        var install = Assert.Single(build.Commands, c => c.StartsWith("apt-get install", StringComparison.Ordinal));
        Assert.Contains("clang", install.Split(' '));
        Assert.Contains("zlib1g-dev", install.Split(' '));
        // Native AOT does not cross-compile here: the build stage runs on the target platform, not the build platform.
        Assert.DoesNotContain(dockerfile.Split('\n'), l => l.StartsWith("FROM", StringComparison.Ordinal) && l.Contains("BUILDPLATFORM", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_stage_publishes_self_contained_with_the_sdk_of_global_json()
    {
        var build = File["build"];

        var sdk = System.IO.File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "global.json"));
        var major = SdkMajor().Match(sdk).Groups[1].Value;
        Assert.Equal($"mcr.microsoft.com/dotnet/sdk:{major}.0", build.Image);
        var publish = Assert.Single(build.Commands, c => c.StartsWith("dotnet publish src/Auditor.Cli", StringComparison.Ordinal));
        Assert.Contains("--self-contained", publish);
        Assert.Contains(" -o /out ", publish + " ");
        Assert.Contains("COPY", build.Instructions.Select(i => i.Keyword));
    }

    /// <summary>The commands make-rootfs.sh runs in the root, with the recipe's values.</summary>
    internal static IEnumerable<string> RootCommands()
    {
        var script = System.IO.File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "Auditor.Cli.Tests", "Container", "make-rootfs.sh"));
        var block = ChrootBlock().Match(script).Groups[1].Value;
        var packages = string.Join(' ', ContainerRecipe.Packages.Order(StringComparer.Ordinal));
        return block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.Replace("$packages", packages, StringComparison.Ordinal).Replace("$uid", ContainerRecipe.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("$user", ContainerRecipe.User, StringComparison.Ordinal));
    }

    /// <summary>Quiet flags and spacing aside, two commands that do the same read the same.</summary>
    private static string Normalize(string command) => Regex.Replace(command.Replace(" -qq", "", StringComparison.Ordinal), @"\s+", " ").Trim();

    [GeneratedRegex("""/bin/sh -c "\n(.*?)\n" >""", RegexOptions.Singleline)]
    private static partial Regex ChrootBlock();

    [GeneratedRegex(@"""version""\s*:\s*""(\d+)\.")]
    private static partial Regex SdkMajor();
}
