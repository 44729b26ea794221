using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.FileStore;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// MLflow's <c>Run</c> message read straight from UTF-8 with <see cref="Utf8JsonReader"/>, one pass and no document: a
/// runs/search page is most of a megabyte of runs, and parsing it into a <see cref="JsonDocument"/> first cost as much
/// CPU again as mapping it. The reading is <see cref="RestJson"/>'s, field for field: a string, a number (its text) or
/// a boolean where text is wanted and nothing for any other kind; int64 as a number or a quoted string; NaN and
/// ±Infinity as strings; a field of the wrong kind absent; of a key given twice, the last.
/// </summary>
internal static class RestRunReader
{
    /// <summary>A whole runs/search answer: its runs and the next page's token; a truncated or malformed one throws <see cref="JsonException"/>.</summary>
    public static ReadPage<Run> ReadPage(ReadOnlySpan<byte> json, StringPool? pool)
    {
        var reader = new Utf8JsonReader(json);
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = KindOf(reader.TokenType);
            reader.Skip();
            End(ref reader);
            return new ReadPage<Run>(kind, [], null);
        }

        IReadOnlyList<Run> runs = [];
        string? token = null;
        while (Property(ref reader, out var name))
        {
            if (name.SequenceEqual("runs"u8))
            {
                var list = new List<Run>();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
                else
                {
                    while (Item(ref reader))
                    {
                        list.Add(Read(ref reader, pool));
                    }
                }

                runs = list;
            }
            else if (name.SequenceEqual("next_page_token"u8))
            {
                token = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        End(ref reader);
        return new ReadPage<Run>(JsonValueKind.Object, runs, token);
    }

    /// <summary>A run given as an element (runs/get's <c>run</c>); anything but an object is a run with no fields.</summary>
    public static Run Read(JsonElement run, StringPool? pool)
    {
        var reader = new Utf8JsonReader(run.ValueKind == JsonValueKind.Undefined ? "null"u8 : JsonMarshal.GetRawUtf8Value(run));
        Next(ref reader);
        return Read(ref reader, pool);
    }

    /// <summary>The run whose first token the reader is on; the reader is left on its last token. Not an object: a run with no fields.</summary>
    public static Run Read(ref Utf8JsonReader reader, StringPool? pool)
    {
        var info = default(Info);
        var data = default(Data);
        var inputs = default(Inputs);
        IReadOnlyList<string> outputModelIds = [];
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (Property(ref reader, out var name))
            {
                if (name.SequenceEqual("info"u8))
                {
                    info = ReadInfo(ref reader, pool);
                }
                else if (name.SequenceEqual("data"u8))
                {
                    data = ReadData(ref reader, pool);
                }
                else if (name.SequenceEqual("inputs"u8))
                {
                    inputs = ReadInputs(ref reader);
                }
                else if (name.SequenceEqual("outputs"u8))
                {
                    outputModelIds = ReadOutputs(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        else
        {
            reader.Skip();
        }

        var tags = data.Tags ?? new Dictionary<string, string>(StringComparer.Ordinal);
        return new Run
        {
            Id = info.RunId ?? info.RunUuid ?? "",
            ExperimentId = info.ExperimentId ?? "",
            Name = string.IsNullOrEmpty(info.Name) ? tags.GetValueOrDefault(SystemTags.RunName) : info.Name,
            Status = FileRunReader.ParseStatus(info.Status),
            Lifecycle = FileRunReader.ParseLifecycle(info.Lifecycle),
            StartTime = RestJson.TimeOf(info.StartTime),
            EndTime = RestJson.TimeOf(info.EndTime),
            UserId = string.IsNullOrEmpty(info.UserId) ? tags.GetValueOrDefault(SystemTags.User) : info.UserId,
            ArtifactUri = info.ArtifactUri,
            Params = data.Params ?? new Dictionary<string, string>(StringComparer.Ordinal),
            Tags = tags,
            Metrics = data.Metrics ?? new Dictionary<string, MetricSummary>(StringComparer.Ordinal),
            Datasets = inputs.Datasets ?? [],
            InputModelIds = inputs.ModelIds ?? [],
            OutputModelIds = outputModelIds,
        };
    }

    private record struct Info(string? RunId, string? RunUuid, string? ExperimentId, string? Name, string? Status, string? Lifecycle,
        string? StartTime, string? EndTime, string? UserId, string? ArtifactUri);

    private record struct Data(Dictionary<string, string>? Params, Dictionary<string, string>? Tags, Dictionary<string, MetricSummary>? Metrics);

    private record struct Inputs(List<DatasetInput>? Datasets, List<string>? ModelIds);

    /// <summary>The run's info; the values many runs share (experiment, user, status, stage) through <paramref name="pool"/>.</summary>
    private static Info ReadInfo(ref Utf8JsonReader reader, StringPool? pool)
    {
        var info = default(Info);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return info;
        }

        while (Property(ref reader, out var name))
        {
            if (name.SequenceEqual("run_id"u8))
            {
                info.RunId = Text(ref reader, null);
            }
            else if (name.SequenceEqual("run_uuid"u8))
            {
                info.RunUuid = Text(ref reader, null);
            }
            else if (name.SequenceEqual("experiment_id"u8))
            {
                info.ExperimentId = Text(ref reader, pool);
            }
            else if (name.SequenceEqual("run_name"u8))
            {
                info.Name = Text(ref reader, null);
            }
            else if (name.SequenceEqual("status"u8))
            {
                info.Status = Text(ref reader, pool);
            }
            else if (name.SequenceEqual("lifecycle_stage"u8))
            {
                info.Lifecycle = Text(ref reader, pool);
            }
            else if (name.SequenceEqual("start_time"u8))
            {
                info.StartTime = Text(ref reader, null);
            }
            else if (name.SequenceEqual("end_time"u8))
            {
                info.EndTime = Text(ref reader, null);
            }
            else if (name.SequenceEqual("user_id"u8))
            {
                info.UserId = Text(ref reader, pool);
            }
            else if (name.SequenceEqual("artifact_uri"u8))
            {
                info.ArtifactUri = Text(ref reader, null);
            }
            else
            {
                reader.Skip();
            }
        }

        return info;
    }

    private static Data ReadData(ref Utf8JsonReader reader, StringPool? pool)
    {
        var data = default(Data);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return data;
        }

        while (Property(ref reader, out var name))
        {
            if (name.SequenceEqual("params"u8))
            {
                data.Params = Pairs(ref reader, pool);
            }
            else if (name.SequenceEqual("tags"u8))
            {
                data.Tags = Pairs(ref reader, pool);
            }
            else if (name.SequenceEqual("metrics"u8))
            {
                data.Metrics = LatestMetrics(ref reader, pool);
            }
            else
            {
                reader.Skip();
            }
        }

        return data;
    }

    /// <summary>A run's metrics over REST are the latest value per key only (Count = Steps = 1, Min = Max = Last).</summary>
    private static Dictionary<string, MetricSummary> LatestMetrics(ref Utf8JsonReader reader, StringPool? pool)
    {
        var result = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return result;
        }

        while (Item(ref reader))
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? key = null;
            var value = double.NaN;
            while (Property(ref reader, out var name))
            {
                if (name.SequenceEqual("key"u8))
                {
                    key = Text(ref reader, pool);
                }
                else if (name.SequenceEqual("value"u8))
                {
                    value = Double(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (key is not null)
            {
                result[key] = new MetricSummary
                {
                    Key = key,
                    Count = 1,
                    Steps = 1,
                    Last = value,
                    Min = double.IsFinite(value) ? value : double.NaN,
                    Max = double.IsFinite(value) ? value : double.NaN,
                    HasNonFinite = !double.IsFinite(value),
                };
            }
        }

        return result;
    }

    private static Inputs ReadInputs(ref Utf8JsonReader reader)
    {
        var inputs = default(Inputs);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return inputs;
        }

        while (Property(ref reader, out var name))
        {
            if (name.SequenceEqual("dataset_inputs"u8))
            {
                inputs.Datasets = Datasets(ref reader);
            }
            else if (name.SequenceEqual("model_inputs"u8))
            {
                inputs.ModelIds = ModelIds(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return inputs;
    }

    private static IReadOnlyList<string> ReadOutputs(ref Utf8JsonReader reader)
    {
        IReadOnlyList<string> ids = [];
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return ids;
        }

        while (Property(ref reader, out var name))
        {
            if (name.SequenceEqual("model_outputs"u8))
            {
                ids = ModelIds(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return ids;
    }

    /// <summary>The <c>model_id</c> of each entry, in ordinal order.</summary>
    private static List<string> ModelIds(ref Utf8JsonReader reader)
    {
        var ids = new List<string>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return ids;
        }

        while (Item(ref reader))
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
            }
            else if (Field(ref reader, "model_id"u8) is { } id)
            {
                ids.Add(id);
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Each dataset input (anything but an object is a dataset with no fields, as a mapped element would be).</summary>
    private static List<DatasetInput> Datasets(ref Utf8JsonReader reader)
    {
        var datasets = new List<DatasetInput>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return datasets;
        }

        while (Item(ref reader))
        {
            string? name = null, digest = null, sourceType = null, source = null;
            Dictionary<string, string>? tags = null;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (Property(ref reader, out var field))
                {
                    if (field.SequenceEqual("dataset"u8))
                    {
                        (name, digest, sourceType, source) = (null, null, null, null);
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            reader.Skip();
                            continue;
                        }

                        while (Property(ref reader, out var key))
                        {
                            if (key.SequenceEqual("name"u8))
                            {
                                name = Text(ref reader, null);
                            }
                            else if (key.SequenceEqual("digest"u8))
                            {
                                digest = Text(ref reader, null);
                            }
                            else if (key.SequenceEqual("source_type"u8))
                            {
                                sourceType = Text(ref reader, null);
                            }
                            else if (key.SequenceEqual("source"u8))
                            {
                                source = Text(ref reader, null);
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else if (field.SequenceEqual("tags"u8))
                    {
                        tags = Pairs(ref reader, null);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }

            datasets.Add(new DatasetInput
            {
                Name = name ?? "",
                Digest = digest ?? "",
                SourceType = sourceType,
                Source = source,
                Context = tags?.GetValueOrDefault("mlflow.data.context"),
            });
        }

        return datasets;
    }

    /// <summary>A list of <c>{key, value}</c> pairs as a dictionary (later keys win, as in MLflow); keys and short values pooled.</summary>
    private static Dictionary<string, string> Pairs(ref Utf8JsonReader reader, StringPool? pool)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return result;
        }

        while (Item(ref reader))
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? key = null;
            string? value = null;
            while (Property(ref reader, out var name))
            {
                if (name.SequenceEqual("key"u8))
                {
                    key = Text(ref reader, pool);
                }
                else if (name.SequenceEqual("value"u8))
                {
                    value = Text(ref reader, pool);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (key is not null)
            {
                result[key] = value ?? "";
            }
        }

        return result;
    }

    /// <summary>The text of the object's field <paramref name="wanted"/> (the reader on the object's start, left on its end).</summary>
    private static string? Field(ref Utf8JsonReader reader, ReadOnlySpan<byte> wanted)
    {
        string? text = null;
        while (Property(ref reader, out var name))
        {
            if (name.SequenceEqual(wanted))
            {
                text = Text(ref reader, null);
            }
            else
            {
                reader.Skip();
            }
        }

        return text;
    }

    /// <summary>
    /// The value's text, as <see cref="RestJson.Str(JsonElement, string)"/> reads it: a string, a number's text,
    /// <c>true</c>/<c>false</c>, else null. A string without escapes found in <paramref name="pool"/> by its bytes.
    /// </summary>
    private static string? Text(ref Utf8JsonReader reader, StringPool? pool)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return pool is not null && !reader.ValueIsEscaped ? pool.Get(reader.ValueSpan) : reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                reader.Skip();
                return null;
        }
    }

    private static double Double(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.String:
                return RestJson.DoubleOf(reader.GetString());
            default:
                reader.Skip();
                return double.NaN;
        }
    }

    /// <summary>
    /// Moves onto the next property's value, giving its name; false at the object's end. Names are compared unescaped
    /// (a name with escapes is copied out first), as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> compares them.
    /// </summary>
    private static bool Property(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = default;
            return false;
        }

        name = reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan;
        Next(ref reader);
        return true;
    }

    private static byte[] Unescaped(ref Utf8JsonReader reader)
    {
        var name = new byte[reader.ValueSpan.Length];
        return name[..reader.CopyString(name)];
    }

    /// <summary>Moves onto the next array item; false at the array's end.</summary>
    private static bool Item(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType != JsonTokenType.EndArray;
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the JSON ends early");
        }
    }

    /// <summary>Nothing may follow the answer's root value.</summary>
    private static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("more JSON follows the answer's value");
        }
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };
}
