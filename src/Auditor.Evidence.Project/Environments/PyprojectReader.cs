using Auditor.Core.Evidence;
using Tomlyn;
using Tomlyn.Model;

namespace Auditor.Evidence.Project.Environments;

/// <summary>
/// pyproject.toml: PEP 621 dependencies and optional dependencies, PEP 735 dependency groups, Poetry
/// dependencies and groups (a bare version is exact in Poetry), PDM and uv dev dependencies; the tool is
/// the build/management tool the file configures.
/// </summary>
internal static class PyprojectReader
{
    public static EnvironmentFile Read(ProjectContext context, ProjectFile file, string text)
    {
        TomlTable model;
        try
        {
            model = TomlModel.Parse(text);
        }
        catch (TomlException e)
        {
            return new EnvironmentFile { Location = context.Locate(file), Kind = "pyproject", Problem = e.Message };
        }

        var tool = Table(model, "tool");
        var requirements = new List<Requirement>();
        var project = Table(model, "project");
        requirements.AddRange(Strings(project.Value("dependencies")).Select(d => Pep(d, text)).OfType<Requirement>());
        foreach (var extra in Table(project, "optional-dependencies")?.Values ?? [])
        {
            requirements.AddRange(Strings(extra).Select(d => Pep(d, text)).OfType<Requirement>());
        }

        foreach (var group in Table(model, "dependency-groups")?.Values ?? [])
        {
            requirements.AddRange(Strings(group).Select(d => Pep(d, text)).OfType<Requirement>());
        }

        var poetry = Table(tool, "poetry");
        requirements.AddRange(Poetry(Table(poetry, "dependencies"), text));
        requirements.AddRange(Poetry(Table(poetry, "dev-dependencies"), text));
        foreach (var group in Table(poetry, "group")?.Values.OfType<TomlTable>() ?? [])
        {
            requirements.AddRange(Poetry(Table(group, "dependencies"), text));
        }

        foreach (var dev in (Table(Table(tool, "pdm"), "dev-dependencies")?.Values ?? []).Append(Table(tool, "uv").Value("dev-dependencies")))
        {
            requirements.AddRange(Strings(dev).Select(d => Pep(d, text)).OfType<Requirement>());
        }

        return new EnvironmentFile { Location = context.Locate(file), Kind = "pyproject", Tool = ToolOf(tool, project), Requirements = requirements };
    }

    private static string? ToolOf(TomlTable? tool, TomlTable? project) =>
        new[] { "poetry", "pdm", "hatch", "uv", "flit", "setuptools" }.FirstOrDefault(t => tool?.ContainsKey(t) == true)
        ?? (project is null ? null : "pep621");

    private static IEnumerable<Requirement> Poetry(TomlTable? dependencies, string text)
    {
        foreach (var (name, value) in dependencies ?? [])
        {
            if (name.Equals("python", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var version = value switch
            {
                string s => s,
                TomlTable t => t.Value("version") as string ?? (t.Value("rev") is string rev ? "@" + rev : ""),
                _ => "",
            };
            var pinned = version.StartsWith('@') ? version.Length == 41 : Pep508.IsExact(version) || IsBareVersion(version);
            yield return new Requirement(name, version, pinned, TextLines.LineOf(text, name + " ") ?? TextLines.LineOf(text, name));
        }
    }

    private static bool IsBareVersion(string version) =>
        version.Length > 0 && char.IsAsciiDigit(version[0]) && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+');

    private static Requirement? Pep(string dependency, string text) =>
        Pep508.Parse(dependency, TextLines.LineOf(text, dependency));

    private static TomlTable? Table(TomlTable? table, string key) => table?.Value(key) as TomlTable;

    private static IEnumerable<string> Strings(object? value) => value is TomlArray array ? array.OfType<string>() : [];
}
