using System.Diagnostics;
using System.Text.Json;
using Auditor.Testing;
using Xunit.Abstractions;

namespace Auditor.Cli.Tests.Container;

/// <summary>
/// Slow (a Native AOT <c>dotnet publish</c>; debootstrap once per package list): the container image built without
/// a Docker engine. The runtime stage's root comes from debootstrap (make-rootfs.sh, cached under
/// /var/cache/mlaudit-rootfs); the build stage's own <c>dotnet publish</c> command runs on a copy of the sources; the
/// stage's <c>ln -s</c> runs inside the root; then the image's ENTRYPOINT runs as its USER in its WORKDIR, in new
/// mount and PID namespaces with chroot, on a fixture placed in /work as a volume mounted from another owner would be.
/// Needs root, debootstrap, unshare and chroot: without them it skips saying so, except in CI (<c>CI=true</c>).
/// </summary>
public sealed class ContainerImageTests(ITestOutputHelper output)
{
    private const string Version = "9.8.6";

    /// <summary>Docker's TARGETARCH for this machine.</summary>
    private static string TargetArch => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        _ => "amd64",
    };

    [Fact]
    public void The_image_audits_a_fixture_in_its_work_volume_as_the_non_root_user()
    {
        if (Unavailable() is { } reason)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("the container image test cannot run in CI: " + reason);
            }

            output.WriteLine("SKIPPED (container image): " + reason);
            return;
        }

        var clock = Stopwatch.StartNew();
        var baseRoot = Run("bash", [Path.Combine(TestPaths.RepositoryRoot, "tests", "Auditor.Cli.Tests", "Container", "make-rootfs.sh"), ContainerRecipe.Cache, ContainerRecipe.Suite, ContainerRecipe.User, ContainerRecipe.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), .. ContainerRecipe.Packages]).Out.Trim().Split('\n')[^1];
        output.WriteLine($"root {baseRoot}: {clock.Elapsed.TotalSeconds:F0} s");
        var dockerfile = Dockerfile.Load(Path.Combine(TestPaths.RepositoryRoot, "Dockerfile"));
        using var work = new TempFolder();

        clock.Restart();
        var publish = work.Combine("out");
        var context = CopySources(work.Combine("context"));
        var command = Assert.Single(dockerfile["build"].Commands, c => c.StartsWith("dotnet publish", StringComparison.Ordinal)).Replace(" -o /out ", $" -o {publish} ", StringComparison.Ordinal);
        Run("bash", ["-c", command], context, new Dictionary<string, string> { ["TARGETARCH"] = TargetArch, ["VERSION"] = Version });
        output.WriteLine($"publish: {clock.Elapsed.TotalSeconds:F0} s");

        var image = work.Combine("image");
        Run("cp", ["-a", baseRoot, image]);
        var runtime = dockerfile["runtime"];
        var copy = runtime.Single("COPY").Split(' ');
        Run("cp", ["-a", publish + "/.", image + copy[^1]]);
        foreach (var link in runtime.Commands.Where(c => c.StartsWith("ln ", StringComparison.Ordinal)))
        {
            Run("chroot", [image, "/bin/sh", "-c", link]);
        }

        // The publish is the Native AOT binary: no mlaudit.dll, the native libraries beside it.
        Assert.False(File.Exists(Path.Combine(publish, "mlaudit.dll")), "the build stage published mlaudit.dll: not the Native AOT binary");
        Assert.NotEmpty(Directory.EnumerateFiles(publish, "libgit2-*.so"));
        Assert.True(File.Exists(Path.Combine(publish, "libe_sqlite3.so")));
        Assert.Empty(Directory.EnumerateFiles(publish, "*.dbg"));

        // The stage's own check (`mlaudit --version`) on the root's libc, as root, as the build runs it.
        foreach (var check in runtime.Commands.Where(c => c.StartsWith("mlaudit ", StringComparison.Ordinal)))
        {
            Run("chroot", [image, "/usr/bin/env", "-i", "PATH=" + ContainerRecipe.Path, "/bin/sh", "-c", check]);
        }

        using var fixture = Fixture.Unpack("tracked-file");
        var volume = image + runtime.Single("WORKDIR");
        Run("cp", ["-a", fixture.Path + "/.", volume]);
        var before = GitFolderSnapshot.Take(volume);
        var head = GitCli.Run(volume, "rev-parse", "HEAD");

        var version = Container(image, runtime, ["--version"]);
        Assert.True(version.Code == 0, version.Error);
        Assert.Equal(Version, version.Out.Trim());

        var audit = Container(image, runtime, ["audit", "--format", "console,json,sarif", "--output-dir", "/tmp/report", "--min-level", "2"]);
        output.WriteLine(audit.Out + audit.Error);

        Assert.True(audit.Code == 0, audit.Error);
        Assert.Contains("Maturity level 2", audit.Out);
        var reportFile = Path.Combine(image, "tmp", "report", "report.json");
        var report = JsonDocument.Parse(File.ReadAllText(reportFile)).RootElement;
        Assert.Equal(2, report.GetProperty("maturity").GetProperty("level").GetInt32());
        Assert.Equal(ContainerRecipe.WorkFolder, report.GetProperty("subject").GetProperty("repository").GetProperty("root").GetString());
        Assert.Equal(head, report.GetProperty("subject").GetProperty("repository").GetProperty("head").GetString());
        Assert.Equal("read", report.GetProperty("subject").GetProperty("tracking").GetProperty("state").GetString());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        Assert.Equal(ContainerRecipe.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), Run("stat", ["-c", "%u", reportFile]).Out.Trim());
        Assert.True(File.Exists(Path.Combine(image, "tmp", "report", "report.sarif")));
        Assert.Equal(before, GitFolderSnapshot.Take(volume));

        // No arguments: the image's CMD (audit of the work folder).
        var plain = Container(image, runtime, []);
        Assert.True(plain.Code == 0, plain.Error);
        Assert.Contains("Maturity level 2", plain.Out);
    }

    /// <summary>Runs the image as <c>docker run</c> would: ENTRYPOINT + CMD (or the arguments), as USER, in WORKDIR, with Docker's PATH.</summary>
    private static (int Code, string Out, string Error) Container(string image, Dockerfile.Stage runtime, string[] arguments)
    {
        var user = runtime.Single("USER");
        var account = File.ReadAllLines(Path.Combine(image, "etc", "passwd")).Select(l => l.Split(':')).Single(f => f[0] == user);
        string[] process = [.. runtime.Exec("ENTRYPOINT"), .. arguments.Length > 0 ? arguments : runtime.Exec("CMD")];
        return Run("unshare", ["--mount", "--pid", "--fork", "--mount-proc=" + Path.Combine(image, "proc"),
            "chroot", $"--userspec={account[2]}:{account[3]}", image,
            "/usr/bin/env", "-i", "PATH=" + ContainerRecipe.Path, "HOME=" + account[5], "HOSTNAME=mlaudit-test",
            "/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", runtime.Single("WORKDIR"), .. process], check: false);
    }

    private static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        if (Run("id", ["-u"]).Out.Trim() != "0")
        {
            return "not root (debootstrap, chroot and unshare need root)";
        }

        foreach (var tool in new[] { "/usr/sbin/debootstrap", "/usr/bin/unshare", "/usr/sbin/chroot" })
        {
            if (!File.Exists(tool))
            {
                return $"{tool} is not installed (run .ci/install)";
            }
        }

        return null;
    }

    /// <summary>The build context: the repository's files (tracked and new, not ignored), without .git: the version comes from VERSION.</summary>
    private static string CopySources(string target)
    {
        foreach (var file in GitCli.Run(TestPaths.RepositoryRoot, "ls-files", "--cached", "--others", "--exclude-standard").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(TestPaths.RepositoryRoot, file);
            if (File.Exists(source))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, file))!);
                File.Copy(source, Path.Combine(target, file));
            }
        }

        return target;
    }

    private static (int Code, string Out, string Error) Run(string program, string[] arguments, string? directory = null, IReadOnlyDictionary<string, string>? variables = null, bool check = true)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory ?? Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)}: no result after 10 minutes");
        }

        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stdout.Result}{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
