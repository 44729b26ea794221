using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>Reads the file store's model registry (<c>mlruns/models/&lt;name&gt;/</c>), prompts included (see <see cref="PromptRegistry"/>).</summary>
internal static class FileRegistryReader
{
    private const string DeletedStage = "Deleted_Internal";

    public static IReadOnlyList<RegisteredModel> Read(string root, ProblemLog problems)
    {
        var folder = Path.Combine(root, FileStoreLayout.Models);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return StoreFolders.Subfolders(folder)
            .Select(modelFolder => problems.Try(Path.Combine(modelFolder, FileStoreLayout.Meta), () => ReadModel(modelFolder, problems)))
            .OfType<RegisteredModel>()
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static RegisteredModel ReadModel(string folder, ProblemLog problems)
    {
        var meta = YamlMap.Load(Path.Combine(folder, FileStoreLayout.Meta));
        var name = meta.String("name") ?? Path.GetFileName(folder);
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (alias, value) in ValueFolder.Read(Path.Combine(folder, FileStoreLayout.Aliases)))
        {
            if (int.TryParse(value.Trim(), out var version))
            {
                aliases[alias] = version;
            }
            else
            {
                problems.Add(Path.Combine(folder, FileStoreLayout.Aliases, alias), "alias does not hold a version number");
            }
        }

        var versions = StoreFolders.Subfolders(folder, "version-")
            .Select(v => problems.Try(Path.Combine(v, FileStoreLayout.Meta), () => ReadVersion(v, name, aliases)))
            .OfType<ModelVersion>()
            .Where(v => v.Stage != DeletedStage)
            .OrderBy(v => v.Version)
            .ToList();

        return new RegisteredModel
        {
            Name = name,
            Description = meta.String("description"),
            CreationTime = meta.Time("creation_timestamp"),
            Tags = ValueFolder.Read(Path.Combine(folder, FileStoreLayout.Tags)),
            Aliases = aliases,
            Versions = versions,
        };
    }

    private static ModelVersion ReadVersion(string folder, string modelName, IReadOnlyDictionary<string, int> aliases)
    {
        var meta = YamlMap.Load(Path.Combine(folder, FileStoreLayout.Meta));
        var number = meta.Int("version") ?? (int.TryParse(Path.GetFileName(folder)["version-".Length..], out var n) ? n : 0);
        var source = meta.String("source");
        return new ModelVersion
        {
            ModelName = modelName,
            Version = number,
            Stage = meta.String("current_stage") ?? "None",
            Status = meta.String("status"),
            Source = source,
            RunId = meta.String("run_id"),
            RunLink = meta.String("run_link"),
            StorageLocation = meta.String("storage_location"),
            ModelId = meta.String("model_id") ?? LoggedModelIds.FromSource(source),
            UserId = meta.String("user_id"),
            Description = meta.String("description"),
            CreationTime = meta.Time("creation_timestamp"),
            Tags = ValueFolder.Read(Path.Combine(folder, FileStoreLayout.Tags)),
            Aliases = aliases.Where(a => a.Value == number).Select(a => a.Key).Order(StringComparer.Ordinal).ToList(),
        };
    }
}
