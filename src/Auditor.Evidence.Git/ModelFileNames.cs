namespace Auditor.Evidence.Git;

/// <summary>File names that look like serialized models or data sets.</summary>
public static class ModelFileNames
{
    private static readonly HashSet<string> ModelOrData = new(StringComparer.OrdinalIgnoreCase)
    {
        ".pkl", ".pickle", ".joblib", ".onnx", ".h5", ".hdf5", ".keras", ".pt", ".pth", ".ckpt", ".safetensors",
        ".bin", ".pb", ".tflite", ".mlmodel", ".npy", ".npz", ".parquet", ".feather", ".arrow", ".avro", ".orc", ".tfrecord",
    };

    private static readonly HashSet<string> Tabular = new(StringComparer.OrdinalIgnoreCase) { ".csv", ".tsv", ".jsonl" };

    public static bool IsModelOrData(string path) => ModelOrData.Contains(Path.GetExtension(path));

    public static bool IsTabular(string path) => Tabular.Contains(Path.GetExtension(path));
}
