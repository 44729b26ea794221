using Auditor.Benchmarks;

// dotnet run -c Release --project src/Auditor.Benchmarks -- store <path-or-uri> [--repeat N] [--compare] [--allocations]
// dotnet run -c Release --project src/Auditor.Benchmarks -- scale file|sqlite <work-folder> [--runs 10000,100000] [--repeat N] [--steps S]
// dotnet run -c Release --project src/Auditor.Benchmarks -- generate file|sqlite <out> --runs N [--steps S] [--schema-from mlflow.db]
return args switch
{
    ["store", var target, .. var rest] => StoreBenchmark.Run(target, Options.Int(rest, "--repeat", 5), Options.Flag(rest, "--compare"), Options.Flag(rest, "--allocations")),
    ["scale", "file" or "sqlite", var folder, .. var rest] => ScaleBenchmark.Run(args[1], folder, Sizes(Options.String(rest, "--runs") ?? "10000,100000"), Options.Int(rest, "--repeat", 3), Options.Int(rest, "--steps", 20)),
    ["generate", "file", var output, .. var rest] => Generate(new FileStoreGenerator(output), rest),
    ["generate", "sqlite", var output, .. var rest] => Generate(new SqliteStoreGenerator(output, Options.String(rest, "--schema-from")), rest),
    _ => Usage(),
};

static int Generate(IStoreGenerator generator, string[] options)
{
    var shape = new SyntheticShape(Options.Int(options, "--runs", 10_000), Options.Int(options, "--steps", 20));
    var started = System.Diagnostics.Stopwatch.StartNew();
    generator.Write(shape);
    Console.WriteLine($"wrote {shape.Runs:N0} runs in {shape.Experiments} experiments ({shape.Steps} steps per metric) in {started.Elapsed.TotalSeconds:F1} s");
    return 0;
}

static int[] Sizes(string list) => list.Split(',').Select(n => int.Parse(n.Replace("_", ""), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

static int Usage()
{
    Console.Error.WriteLine("usage: store <path-or-uri> [--repeat N] [--compare] [--allocations]");
    Console.Error.WriteLine("       scale file|sqlite <work-folder> [--runs 10000,100000] [--repeat N] [--steps S]");
    Console.Error.WriteLine("       generate file|sqlite <out> --runs N [--steps S] [--schema-from mlflow.db]");
    return 2;
}
