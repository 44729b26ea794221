using System.Text.Json;
using Auditor.Core.Evidence;
using Tomlyn;
using Tomlyn.Model;

namespace Auditor.Evidence.Project.Environments;

/// <summary>Lock files: every locked package is an exact version (Pipfile.lock: when its version is ==).</summary>
internal static class LockFileReader
{
    public static EnvironmentFile Read(ProjectContext context, ProjectFile file, string text)
    {
        var tool = file.Name switch
        {
            "poetry.lock" => "poetry",
            "uv.lock" => "uv",
            "pdm.lock" => "pdm",
            "Pipfile.lock" => "pipenv",
            _ => "conda-lock",
        };
        try
        {
            var requirements = tool switch
            {
                "pipenv" => Pipenv(text),
                "conda-lock" => CondaLock(text),
                _ => Toml(text),
            };
            return new EnvironmentFile { Location = context.Locate(file), Kind = "lock", Tool = tool, Requirements = requirements };
        }
        catch (Exception e) when (e is TomlException or JsonException or YamlDotNet.Core.YamlException)
        {
            return new EnvironmentFile { Location = context.Locate(file), Kind = "lock", Tool = tool, Problem = e.Message };
        }
    }

    private static IReadOnlyList<Requirement> Toml(string text)
    {
        var model = TomlModel.Parse(text);
        var packages = model.Value("package") as TomlTableArray ?? [];
        return packages.Select(p => new Requirement(p.Value("name") as string ?? "?", "==" + p.Value("version"), true, null)).ToList();
    }

    private static IReadOnlyList<Requirement> Pipenv(string text)
    {
        using var document = JsonDocument.Parse(text);
        var requirements = new List<Requirement>();
        foreach (var section in new[] { "default", "develop" })
        {
            if (document.RootElement.TryGetProperty(section, out var packages) && packages.ValueKind == JsonValueKind.Object)
            {
                foreach (var package in packages.EnumerateObject())
                {
                    var version = package.Value.TryGetProperty("version", out var v) ? v.GetString() ?? "" : "";
                    var hashed = package.Value.TryGetProperty("hashes", out var h) && h.GetArrayLength() > 0;
                    requirements.Add(new Requirement(package.Name, version, hashed || Pep508.IsExact(version), null));
                }
            }
        }

        return requirements;
    }

    private static IReadOnlyList<Requirement> CondaLock(string text)
    {
        var root = YamlText.Load(text, out var problem)?.FirstOrDefault();
        if (problem is not null)
        {
            throw new YamlDotNet.Core.YamlException(problem);
        }

        return root.Get("package").Items()
            .Select(p => new Requirement(p.Get("name").Scalar() ?? "?", "==" + p.Get("version").Scalar(), true, p.Line()))
            .DistinctBy(r => r.Name)
            .ToList();
    }
}
