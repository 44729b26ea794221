namespace Auditor.Cli.Tests.Container;

/// <summary>
/// What the Dockerfile's runtime stage is made of, as the image test builds it without a Docker engine:
/// a Debian <see cref="Suite"/> root from debootstrap (minbase, which is what Debian's slim image is), these packages,
/// this non-root user, mlaudit's publish output in <see cref="InstallFolder"/>, and how the image starts.
/// <see cref="DockerfileTests"/> checks the Dockerfile says the same.
/// </summary>
internal static class ContainerRecipe
{
    public const string Suite = "bookworm";

    public const string BaseImage = "debian:bookworm-slim";

    public static readonly string[] Packages = ["ca-certificates", "git", "libssl3", "tzdata"];

    public const string User = "mlaudit";

    public const int Uid = 10001;

    public const string InstallFolder = "/opt/mlaudit";

    public const string Command = "/usr/local/bin/mlaudit";

    public const string WorkFolder = "/work";

    public static readonly string[] Entrypoint = ["mlaudit"];

    /// <summary>Docker's default PATH in a container.</summary>
    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Where the roots are kept between runs (outside the repository), keyed on the suite, user and packages.</summary>
    public const string Cache = "/var/cache/mlaudit-rootfs";
}
