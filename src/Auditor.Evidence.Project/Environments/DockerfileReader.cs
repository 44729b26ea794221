using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Environments;

/// <summary>Dockerfiles: each base image is a requirement, pinned when it names a digest or a full x.y.z tag.</summary>
internal static partial class DockerfileReader
{
    public static EnvironmentFile Read(ProjectContext context, ProjectFile file, string text)
    {
        var requirements = new List<Requirement>();
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = TextLines.Split(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = FromLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var image = match.Groups["image"].Value;
            if (match.Groups["stage"].Success)
            {
                stages.Add(match.Groups["stage"].Value);
            }

            if (stages.Contains(image) && !match.Groups["stage"].Value.Equals(image, StringComparison.OrdinalIgnoreCase) || image == "scratch")
            {
                continue;
            }

            var pinned = image.Contains("@sha256:", StringComparison.Ordinal) || FullVersionTag().IsMatch(image);
            requirements.Add(new Requirement(image, "", pinned, i + 1));
        }

        return new EnvironmentFile { Location = context.Locate(file), Kind = "dockerfile", Tool = "docker", Requirements = requirements };
    }

    [GeneratedRegex(@"^\s*FROM\s+(--\S+\s+)*(?<image>\S+)(\s+AS\s+(?<stage>\S+))?", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@":[^/:]*\d+\.\d+\.\d+[^/:]*$")]
    private static partial Regex FullVersionTag();
}
