using System.Diagnostics;
using System.Text.Json.Nodes;
using Auditor.Core.Evidence;
using Auditor.Evidence.MLflow;
using Auditor.Testing;

namespace Auditor.Cli.Tests;

/// <summary>
/// Randomized hostile answers from a tracking server: one server per fixture store, reused for every case, whose
/// answers to one endpoint are mutated (a field dropped, retyped, set to null, a list item duplicated, a huge or
/// control-character string, the JSON truncated or nested past the parser's depth). Each case is a full audit
/// in-process; it must complete with exit 0, never 3, within its time bound. Fixed seed in CI; MLAUDIT_FUZZ_SEED
/// and MLAUDIT_FUZZ_CASES (shared with <see cref="StoreMutationTests"/>) for longer local runs.
/// </summary>
public sealed class RestMutationTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static readonly string[] Fixtures = ["tracked-sqlite", "tracked-sqlite-3x"];
    private static readonly string[] Endpoints = ["experiments/search", "runs/search", "registered-models/search", "model-versions/search", "logged-models/search"];
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(30);

    private enum Mutation { Drop, Retype, Null, Duplicate, Huge, Control, Truncate, Nest, Empty }

    [Fact]
    public void Mutated_server_answers_never_crash_hang_or_exit_3()
    {
        var seed = int.Parse(Environment.GetEnvironmentVariable("MLAUDIT_FUZZ_SEED") ?? "20261127");
        var cases = int.Parse(Environment.GetEnvironmentVariable("MLAUDIT_FUZZ_CASES") ?? "300");
        var random = new Random(seed);
        var fixtures = Fixtures.Select(Fixture.Unpack).ToList();
        var servers = fixtures.Select(f => new MlflowRestServer(Read(f.Path))).ToList();
        using var output = new TempFolder();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < cases; i++)
            {
                var which = random.Next(fixtures.Count);
                var endpoint = Endpoints[random.Next(Endpoints.Length)];
                var mutation = (Mutation)random.Next(Enum.GetValues<Mutation>().Length);
                var caseSeed = random.Next();
                servers[which].Rewrite = (path, json) => path.EndsWith(endpoint, StringComparison.Ordinal) ? Mutate(json, mutation, new Random(caseSeed)) : json;
                if (Audit(fixtures[which].Path, servers[which].Uri, output.Path) is { } problem)
                {
                    failures.Add($"case {i} (seed {seed}): {mutation} {endpoint} of {fixtures[which].Name}: {problem}");
                }
            }
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
            fixtures.ForEach(f => f.Dispose());
        }

        log.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>One answer, mutated at a node picked at random (or as text, for truncation).</summary>
    private static string Mutate(string json, Mutation mutation, Random random)
    {
        if (mutation == Mutation.Truncate)
        {
            return json[..random.Next(json.Length)];
        }

        if (mutation == Mutation.Empty)
        {
            return random.Next(3) switch { 0 => "", 1 => "{}", _ => "null" };
        }

        var root = JsonNode.Parse(json)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var node = nodes[random.Next(nodes.Count)];
        var parent = node.Parent;
        switch (mutation)
        {
            case Mutation.Drop when parent is JsonObject o:
                o.Remove(node.GetPropertyName());
                break;
            case Mutation.Drop when parent is JsonArray a:
                a.Remove(node);
                break;
            case Mutation.Duplicate when parent is JsonArray a:
                a.Insert(random.Next(a.Count + 1), node.DeepClone());
                break;
            case Mutation.Duplicate when parent?.Parent is JsonArray a:
                a.Add(parent.DeepClone());
                break;
            case Mutation.Retype or Mutation.Null or Mutation.Huge or Mutation.Control or Mutation.Nest or Mutation.Duplicate or Mutation.Drop:
                Replace(root, node, mutation switch
                {
                    Mutation.Null => null,
                    Mutation.Huge => new string('x', 1 + random.Next(2_000_000)),
                    Mutation.Control => "\u0000\u001b[2J\u001b]0;owned\u0007\u202e@here <b>#1</b> | x\r\n",
                    Mutation.Nest => Nested(70),
                    _ => Other(random),
                });
                break;
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            Collect(child, into);
        }
    }

    private static void Replace(JsonNode root, JsonNode node, JsonNode? value)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = value;
                break;
            case JsonArray a:
                a[a.IndexOf(node)] = value;
                break;
            default:
                _ = root; // The root itself: the answer becomes the value.
                break;
        }
    }

    private static JsonNode Other(Random random) => random.Next(8) switch
    {
        0 => 0,
        1 => -1,
        2 => 1e308,
        3 => "not what you expected",
        4 => true,
        5 => new JsonObject { ["a"] = new JsonArray(1, "b", null) },
        6 => new JsonArray(),
        _ => long.MaxValue,
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    /// <summary>Null when the audit completed as the contract says; otherwise what went wrong.</summary>
    private static string? Audit(string project, string uri, string output)
    {
        var run = Task.Run(() => CliRun.Invoke(project, null, "audit", project, "--tracking-uri", uri, "--format", "json,html", "--output-dir", output, "--timeout", "20s"));
        if (!run.Wait(CaseTimeout))
        {
            return $"no result after {CaseTimeout.TotalSeconds} s";
        }

        var result = run.Result;
        return result.ExitCode == ExitCodes.Success ? null : $"exit {result.ExitCode}: {result.Error.Split('\n')[0]}";
    }

    private static Core.Tracking.TrackingStore Read(string project)
    {
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Resolve(null, project, _ => null, project));
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        return collected.Value!;
    }
}
