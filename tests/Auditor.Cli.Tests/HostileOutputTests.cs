using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Auditor.Core.Evidence;
using Auditor.Evidence.MLflow;
using Auditor.Testing;
using Microsoft.Data.Sqlite;

namespace Auditor.Cli.Tests;

/// <summary>
/// Hostile values aimed at the outputs: credentials planted in the store, the environment, the arguments, the
/// configuration and a tracking server that echoes the Authorization header; characters each format forbids or
/// that fool a reader (U+FFFF, lone surrogates, bidi overrides, escape sequences); Markdown that would ping people
/// or link issues. Every audit must complete (never exit 3), write every report, show no planted secret anywhere,
/// and every output must parse as its format, with no raw hidden character and no live @mention.
/// </summary>
public sealed class HostileOutputTests
{
    private const string ProductionRun = "7a2703e05b5045bdbd46050091cfa718";
    private const string HandStartedRun = "3310b7aa0c544491a5a4dc6c856fe817";
    private const string AllFormats = "console,json,html,markdown,junit,sarif";
    private static readonly string[] ReportFiles = ["report.json", "report.html", "report.md", "report.junit.xml", "report.sarif"];

    // Built at run time so no secret-shaped literal sits in the repository.
    private static readonly string GitHubToken = "gh" + "p_" + "Zq9HostileOutputTokenAbcdefghijklmnop";
    private static readonly string AwsKey = "AK" + "IA" + "HOSTILE0OUTPUT01";
    private static readonly string Jwt = "eyJ" + "hbGciOiJIUzI1NiJ9" + ".eyJ" + "zdWIiOiJob3N0aWxlIn0" + "." + "c2lnbmF0dXJlLXZhbHVl";
    private const string KeyBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCHostileKeyBody";

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Credentials in the store.
        ["password in an https mlflow.source.name (SQLite)"] = new("tracked-sqlite", p =>
        {
            p.Secrets.Add("Src-Pw-7781");
            Sql(p, "UPDATE tags SET value = 'https://alice:Src-Pw-7781@git.example.com/ml/train.py' WHERE key = 'mlflow.source.name';");
        }, r =>
        {
            Assert.Equal("https://alice:***@git.example.com/ml/train.py", Trace(r, ProductionRun).GetProperty("entryPoint").GetString());
            Assert.Contains(Trace(r, ProductionRun).GetProperty("gaps").EnumerateArray(), g => g.GetString()!.Contains("alice:***@", StringComparison.Ordinal));
            Assert.Contains("https\\://alice:\\*\\*\\*@&#8203;git", r.Text("report.md"), StringComparison.Ordinal);
        }),
        ["password in an https mlflow.source.name (file store)"] = new("tracked-file", p =>
        {
            p.Secrets.Add("File-Src-Pw-22");
            foreach (var tag in RunFiles(p, "tags/mlflow.source.name"))
            {
                File.WriteAllText(tag, "https://bob:File-Src-Pw-22@git.example.com/ml/train.py");
            }
        }, r => Assert.All(r.Report.GetProperty("trace").EnumerateArray(), t => Assert.Contains("bob:***@", t.GetProperty("entryPoint").GetString(), StringComparison.Ordinal))),
        ["a token in the user part of a URL in mlflow.source.name"] = new("tracked-sqlite", p =>
        {
            p.Secrets.Add(GitHubToken);
            Sql(p, $"UPDATE tags SET value = 'https://{GitHubToken}@github.com/org/repo/train.py' WHERE key = 'mlflow.source.name';");
        }, r => Assert.Equal("https://***@github.com/org/repo/train.py", Trace(r, ProductionRun).GetProperty("entryPoint").GetString())),
        ["GitHub token as run name (SQLite)"] = new("tracked-sqlite", p =>
        {
            p.Secrets.Add(GitHubToken);
            Sql(p, $"UPDATE runs SET name = '{GitHubToken}'; UPDATE tags SET value = '{GitHubToken}' WHERE key = 'mlflow.runName';");
        }, r =>
        {
            Assert.Equal("fail", Outcome(r, "MLA-0021"));
            Assert.Equal(GitHubToken[..4] + $"… ({GitHubToken.Length} chars)", Trace(r, ProductionRun).GetProperty("runName").GetString());
            Assert.Contains(Finding(r, "MLA-0017").GetProperty("evidence").EnumerateArray(), e => e.GetProperty("detail").GetString()!.StartsWith(GitHubToken[..4] + "…", StringComparison.Ordinal));
        }),
        ["AWS access key as run name (file store)"] = new("tracked-file", p =>
        {
            p.Secrets.Add(AwsKey);
            foreach (var meta in RunFiles(p, "meta.yaml"))
            {
                File.WriteAllText(meta, Regex.Replace(File.ReadAllText(meta), "(?m)^run_name: .*$", "run_name: " + AwsKey));
            }

            foreach (var tag in RunFiles(p, "tags/mlflow.runName"))
            {
                File.WriteAllText(tag, AwsKey);
            }
        }, r =>
        {
            Assert.Equal("fail", Outcome(r, "MLA-0021"));
            Assert.All(r.Report.GetProperty("trace").EnumerateArray(), t => Assert.Equal("AKIA… (20 chars)", t.GetProperty("runName").GetString()));
        }),
        ["JWT in a URL in mlflow.source.name"] = new("tracked-sqlite", p =>
        {
            p.Secrets.Add(Jwt);
            Sql(p, $"UPDATE tags SET value = 'https://ci.example.com/job/train.py?session={Jwt}' WHERE key = 'mlflow.source.name';");
        }, r => Assert.StartsWith("https://ci.example.com/job/train.py?session=eyJh… (", Trace(r, ProductionRun).GetProperty("entryPoint").GetString(), StringComparison.Ordinal)),
        ["private key logged as a tag"] = new("tracked-sqlite", p =>
        {
            p.Secrets.Add(KeyBody);
            Sql(p, $"INSERT INTO tags (key, value, run_uuid) VALUES ('deploy.note', 'key: -----BEGIN PRIVATE KEY-----\n{KeyBody}\n-----END PRIVATE KEY-----', '{ProductionRun}');");
        }, r => Assert.Equal("fail", Outcome(r, "MLA-0021"))),
        ["password in a database URL logged as a param"] = new("tracked-sqlite", p =>
        {
            p.Secrets.Add("Param-Pw-9921");
            Sql(p, $"UPDATE params SET value = 'postgresql://etl:Param-Pw-9921@db/warehouse' WHERE key = 'alpha' AND run_uuid = '{ProductionRun}';");
        }, r => Assert.Equal("fail", Outcome(r, "MLA-0021"))),
        ["credentials of the environment logged into the store"] = new("tracked-sqlite", p =>
        {
            var values = new Dictionary<string, string>
            {
                ["DATABRICKS_TOKEN"] = "dapi0hostile1output2token3",
                ["PGPASSWORD"] = "Pg-Hostile-Pw-41",
                ["MYSQL_PWD"] = "My-Hostile-Pw-42",
                ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYHOSTILEKEY",
                ["AWS_SESSION_TOKEN"] = "FwoGZXIvYXdzEHostileSessionToken43",
                ["MLFLOW_TRACKING_PASSWORD"] = "Mlflow-Hostile-Pw-45",
                ["AZURE_STORAGE_CONNECTION_STRING"] = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=QXp1cmVIb3N0aWxlS2V5NDQ=;EndpointSuffix=core.windows.net",
            };
            foreach (var (name, value) in values)
            {
                p.Variables[name] = value;
            }

            p.Secrets.AddRange(values.Values.SkipLast(1).Append("QXp1cmVIb3N0aWxlS2V5NDQ="));
            var notes = values.Select((v, i) => $"('note{i}', 'from the shell: {v.Value}', '{ProductionRun}')");
            Sql(p, $"INSERT INTO tags (key, value, run_uuid) VALUES {string.Join(", ", notes)};" +
                   $"UPDATE runs SET name = 'Pg-Hostile-Pw-41' WHERE run_uuid IN ('{ProductionRun}', '{HandStartedRun}');" +
                   $"UPDATE tags SET value = 'train.py --password My-Hostile-Pw-42' WHERE key = 'mlflow.source.name';");
        }, r => Assert.Equal("***", Trace(r, ProductionRun).GetProperty("runName").GetString())),

        // A tracking server that echoes the Authorization header.
        ["REST server echoes a bearer token in error_code"] = new("tracked-sqlite", p =>
        {
            var server = EchoServer(p, "artifact");
            p.Variables["MLFLOW_TRACKING_TOKEN"] = "Echo-Bearer-Token-51";
            p.Secrets.Add("Echo-Bearer-Token-51");
            p.Args.AddRange(["--tracking-uri", server.Uri]);
        }, r => Assert.Contains(r.Report.GetProperty("problems").EnumerateArray(), x => EchoRefused(x.GetString()!))),
        ["REST server echoes basic auth from MLFLOW_TRACKING_USERNAME/PASSWORD"] = new("tracked-sqlite", p =>
        {
            var server = EchoServer(p, "artifact");
            p.Variables["MLFLOW_TRACKING_USERNAME"] = "dana";
            p.Variables["MLFLOW_TRACKING_PASSWORD"] = "Echo-Basic-Pw-52";
            p.Secrets.AddRange(["Echo-Basic-Pw-52", Base64("dana:Echo-Basic-Pw-52")]);
            p.Args.AddRange(["--tracking-uri", server.Uri]);
        }, r => Assert.Contains(r.Report.GetProperty("problems").EnumerateArray(), x => EchoRefused(x.GetString()!))),
        ["REST server echoes basic auth from the user info of --tracking-uri"] = new("tracked-sqlite", p =>
        {
            var server = EchoServer(p, "artifact");
            p.Secrets.AddRange(["Uri-Basic-Pw-53", Base64("erin:Uri-Basic-Pw-53")]);
            p.Args.AddRange(["--tracking-uri", $"http://erin:Uri-Basic-Pw-53@127.0.0.1:{server.Port}"]);
        }, r => Assert.Contains(r.Report.GetProperty("problems").EnumerateArray(), x => x.GetString()!.Contains("http://erin:***@127.0.0.1:", StringComparison.Ordinal) && EchoRefused(x.GetString()!))),
        ["REST server echoes basic auth from a user in --tracking-uri and MLFLOW_TRACKING_PASSWORD"] = new("tracked-sqlite", p =>
        {
            var server = EchoServer(p, "artifact");
            p.Variables["MLFLOW_TRACKING_PASSWORD"] = "Mixed-Basic-Pw-56";
            p.Secrets.AddRange(["Mixed-Basic-Pw-56", Base64("frank:Mixed-Basic-Pw-56")]);
            p.Args.AddRange(["--tracking-uri", $"http://frank@127.0.0.1:{server.Port}"]);
        }, r => Assert.Contains(r.Report.GetProperty("problems").EnumerateArray(), x => EchoRefused(x.GetString()!))),
        ["REST server echoes basic auth from the configuration's trackingUri"] = new("tracked-sqlite", p =>
        {
            var server = EchoServer(p, "artifact");
            p.Secrets.AddRange(["Cfg-Basic-Pw-54", Base64("carol:Cfg-Basic-Pw-54")]);
            File.WriteAllText(Path.Combine(p.Project, ".mlaudit.yml"), $"apiVersion: mlaudit/v1\nkind: Config\ntrackingUri: http://carol:Cfg-Basic-Pw-54@127.0.0.1:{server.Port}\n");
        }, r => Assert.Contains(r.Report.GetProperty("problems").EnumerateArray(), x => x.GetString()!.Contains("http://carol:***@127.0.0.1:", StringComparison.Ordinal) && EchoRefused(x.GetString()!))),
        ["REST server echoes the token with a 404 on every artifact request"] = new("tracked-sqlite", p =>
        {
            var server = EchoServer(p, "artifact", status: 404);
            p.Variables["MLFLOW_TRACKING_TOKEN"] = "Every-Echo-Token-55";
            p.Secrets.Add("Every-Echo-Token-55");
            p.Args.AddRange(["--tracking-uri", server.Uri]);
        }, r =>
        {
            Assert.Equal("pass", Outcome(r, "MLA-0002"));
            Assert.All(r.Report.GetProperty("trace").EnumerateArray(), t => Assert.NotEqual("present", t.GetProperty("artifact").GetString()));
        }),

        ["REST server answers with lone surrogates, U+FFFF and bidi overrides in run names and tags"] = new("tracked-sqlite", p =>
        {
            var hostile = "run" + (char)0xD800 + "x\uFFFF\u202Egnp.exe" + (char)0xDC00;
            var server = Server(p, store => store with
            {
                Runs = [.. store.Runs.Select(run => run with { Name = hostile, Tags = new Dictionary<string, string>(run.Tags) { ["mlflow.runName"] = hostile, ["mlflow.source.name"] = hostile + ".py" } })],
            });
            p.Args.AddRange(["--tracking-uri", server.Uri]);
        }, r =>
        {
            Assert.Equal("run\uFFFDx\uFFFF\u202Egnp.exe\uFFFD", Trace(r, ProductionRun).GetProperty("runName").GetString());
            XDocument.Parse(r.Text("report.junit.xml"));
        }),

        // Characters XML 1.0 forbids, and hidden ones.
        ["U+FFFF in a waiver owner"] = new("tracked-sqlite", p => Waiver(p, "ops\\uFFFF team"), r =>
        {
            Assert.Contains("ops\\uffff team", r.Text("report.junit.xml"), StringComparison.Ordinal);
            Assert.Contains("ops\\\\uffff team", r.Text("report.md"), StringComparison.Ordinal);
        }),
        ["U+FFFE and a zero-width space in a waiver owner"] = new("tracked-sqlite", p => Waiver(p, "ops\\uFFFE and \\u200B team"), r =>
        {
            var junit = XDocument.Parse(r.Text("report.junit.xml"));
            Assert.Contains(junit.Descendants("skipped"), s => s.Attribute("message")!.Value.Contains("ops\\ufffe and", StringComparison.Ordinal));
        }),
        ["bidi isolates and marks in a waiver owner (Trojan Source)"] = new("tracked-sqlite", p => Waiver(p, "\\u2066admin\\u2069 \\u200Eok\\u200F \\u061C"), r =>
        {
            Assert.Contains("\\\\u2066admin\\\\u2069", r.Text("report.md"), StringComparison.Ordinal);
            Assert.Contains("\\u2066admin\\u2069", r.Text("report.junit.xml"), StringComparison.Ordinal);
        }),
        ["bidi override in the entry point and in the output folder's name"] = new("tracked-sqlite", p =>
        {
            p.OutputName = "out\u202Erdm.exe";
            Sql(p, "UPDATE tags SET value = 'train\u202Eyp.exe\u202C.py' WHERE key = 'mlflow.source.name';");
        }, r =>
        {
            Assert.Contains("out\\u202erdm.exe", r.Run.Error, StringComparison.Ordinal);
            Assert.Contains("train\\\\u202eyp\\.exe\\\\u202c\\.py", r.Text("report.md"), StringComparison.Ordinal);
        }),
        ["bidi override in a store file name reaches the terminal's warnings"] = new("tracked-file", p =>
            File.WriteAllText(RunFiles(p, "metrics/rmse").First().Replace("rmse", "rmse\u202Etxt.exe"), "not a metric line\n"),
            r => Assert.Contains("rmse\\u202etxt.exe", r.Run.Out + r.Run.Error, StringComparison.Ordinal)),
        ["escape sequences in a waiver owner"] = new("tracked-sqlite", p => Waiver(p, "\\e]0;pwned\\a\\e[2Jmallory"), r =>
        {
            Assert.Contains("\\u001b]0;pwned\\u0007", r.Text("report.junit.xml"), StringComparison.Ordinal);
            Assert.DoesNotContain("\u001b", r.Text("report.html"), StringComparison.Ordinal);
        }),
        ["configuration key with ESC and OSC sequences"] = new("tracked-sqlite", p =>
            File.WriteAllText(Path.Combine(p.Project, ".mlaudit.yml"), "apiVersion: mlaudit/v1\nkind: Config\n\"\\e]0;pwned\\a\\e[2J\\e[31mbad\": 1\n"),
            r => Assert.Contains("\\u001b]0;pwned\\u0007", r.Run.Error, StringComparison.Ordinal), ExitCodes.InputError),

        // Markdown that would ping people, link issues or become markup.
        ["waiver owner that @mentions people and teams"] = new("tracked-sqlite", p => Waiver(p, "@octocat and @github/security, see #1234"), r =>
            Assert.Contains("owner @&#8203;octocat and @&#8203;github/security, see #&#8203;1234", r.Text("report.md"), StringComparison.Ordinal)),
        ["branch name with an @mention and an issue reference"] = new("tracked-sqlite", p => GitCli.Run(p.Project, "checkout", "-q", "-b", "@octocat/fix#42"), r =>
        {
            Assert.Equal("@octocat/fix#42", r.Report.GetProperty("subject").GetProperty("repository").GetProperty("branch").GetString());
            Assert.Contains("branch `@octocat/fix#42`", r.Text("report.md"), StringComparison.Ordinal);
        }),
        ["entry point with mentions, references, links, images, pipes and HTML"] = new("tracked-sqlite", p =>
            Sql(p, "UPDATE tags SET value = '@octocat/#99/[click](https://evil.example)/![x](https://evil.example/p.png)|cell`tick`<b>x</b>.py' WHERE key = 'mlflow.source.name';"),
            r =>
            {
                var row = r.Text("report.md").Split('\n').First(l => l.Contains("nyc-taxi-regressor v2", StringComparison.Ordinal));
                Assert.DoesNotContain("](", row, StringComparison.Ordinal);
                Assert.DoesNotContain("<b>", row, StringComparison.Ordinal);
                Assert.Equal(4, Regex.Matches(row, @"(?<!\\)\|").Count);
                Assert.Contains("@&#8203;octocat/#&#8203;99", row, StringComparison.Ordinal);
            }),

        // Dates in every format: ISO, whatever the culture.
        ["waiver dates are ISO in every format, not the culture's 06/30/2027"] = new("tracked-sqlite", p => Waiver(p, "alice"), r =>
        {
            Assert.Contains("until 2027-06-30", r.Text("report.html"), StringComparison.Ordinal);
            Assert.DoesNotContain("06/30/2027", r.Text("report.html"), StringComparison.Ordinal);
            Assert.Contains("until 2027-06-30", r.Text("report.md"), StringComparison.Ordinal);
            Assert.Contains("until 2027-06-30", r.Text("report.junit.xml"), StringComparison.Ordinal);
        }),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Fact]
    public void The_corpus_has_at_least_eighteen_cases() => Assert.True(Cases.Count >= 18, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Hostile_values_leave_every_output_safe(string name)
    {
        var @case = Cases[name];
        using var fixture = Fixture.Unpack(@case.Fixture);
        using var plant = new Plant(fixture.Path);
        @case.Setup(plant);
        using var folder = new TempFolder();
        var output = folder.Combine(plant.OutputName);
        string[] args = ["audit", fixture.Path, "--format", AllFormats, "--output-dir", output, .. plant.Args];

        var audit = Task.Run(() => CliRun.Invoke(fixture.Path, plant.Variables, args));
        Assert.True(await Task.WhenAny(audit, Task.Delay(TimeSpan.FromSeconds(60))) == audit, $"{name}: the audit did not finish in 60 s");
        var run = await audit;

        Assert.True(run.ExitCode == @case.ExitCode, $"{name}: exit {run.ExitCode}: {run.Error}");
        var reports = OutputSafety.AssertSafe(output, plant.Secrets, run.Out, run.Error);
        AssertNoHiddenCharacters("standard output", run.Out);
        AssertNoHiddenCharacters("standard error", run.Error);
        if (@case.ExitCode == ExitCodes.InputError)
        {
            Assert.Empty(reports);
            @case.Check(new Result(run, output, default));
            return;
        }

        Assert.Equal(ReportFiles.Order(StringComparer.Ordinal), reports.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var json = File.ReadAllText(Path.Combine(output, "report.json"));
        SchemaValidator.AssertValid(Path.Combine(TestPaths.RepositoryRoot, "docs", "report.schema.json"), json);
        foreach (var file in reports)
        {
            AssertNoHiddenCharacters(Path.GetFileName(file), File.ReadAllText(file));
        }

        AssertNoLiveMention(File.ReadAllText(Path.Combine(output, "report.md")));
        @case.Check(new Result(run, output, JsonDocument.Parse(json).RootElement.Clone()));
    }

    [Fact]
    public void A_secret_split_across_writes_is_still_redacted_on_standard_error()
    {
        var error = new StringWriter();
        using (var writer = new Auditor.Reporting.TerminalWriter(error, new Core.Facts.SecretRedactor(["Split-Secret-61"])))
        {
            writer.Write("token Split-");
            writer.Write("Secret");
            writer.WriteLine("-61 \u001b[31mred\u202e");
        }

        Assert.Equal("token *** \\u001b[31mred\\u202e\n", error.ToString());
    }

    /// <summary>Raw characters no output may hold: control (but line breaks and tabs), format (bidi, zero-width), separators, U+FFFE/U+FFFF, lone surrogates.</summary>
    private static void AssertNoHiddenCharacters(string where, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            var hidden = (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'
                         || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            Assert.False(hidden, $"{where} holds U+{(int)c:X4} at {i}: ...{text.Substring(Math.Max(0, i - 40), Math.Min(80, text.Length - Math.Max(0, i - 40)))}...");
        }
    }

    /// <summary>GitHub links @user and #123 in Markdown text, but not inside code spans.</summary>
    private static void AssertNoLiveMention(string markdown)
    {
        var text = Regex.Replace(markdown, "`[^`\n]*`", "");
        Assert.DoesNotMatch(@"(?<![A-Za-z0-9_])@[A-Za-z0-9]", text);
        Assert.DoesNotMatch(@"(?<![&A-Za-z0-9_])#[0-9]", text);
    }

    /// <summary>A test server on 127.0.0.1 serving the fixture's own store, changed by <paramref name="change"/>.</summary>
    private static MlflowRestServer Server(Plant plant, Func<Core.Tracking.TrackingStore, Core.Tracking.TrackingStore>? change = null)
    {
        var collected = TrackingStoreReader.Collect(TrackingUriResolver.Resolve(null, plant.Project, _ => null, plant.Project));
        Assert.True(collected.State == CollectionState.Present, collected.Reason);
        var server = new MlflowRestServer(change is null ? collected.Value! : change(collected.Value!));
        plant.Owned.Add(server);
        plant.Variables["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0";
        return server;
    }

    /// <summary>
    /// A test server that answers every request whose path holds <paramref name="pathPart"/> with the Authorization
    /// header it got, in error_code and message. The artifact endpoints fail one model's files, not the whole store.
    /// </summary>
    private static MlflowRestServer EchoServer(Plant plant, string pathPart, int status = 400)
    {
        var server = Server(plant);
        server.Intercept = (context, _) =>
        {
            if (!context.Request.Url!.AbsolutePath.Contains(pathPart, StringComparison.Ordinal))
            {
                return false;
            }

            var authorization = context.Request.Headers["Authorization"] ?? "";
            MlflowRestServer.Reply(context, status, JsonSerializer.Serialize(new Dictionary<string, string> { ["error_code"] = "BAD_REQUEST " + authorization, ["message"] = "you sent " + authorization }));
            return true;
        };
        return server;
    }

    /// <summary>A waiver on MLA-0031 (failing in tracked-sqlite) with the owner given as a YAML double-quoted text, valid for seven months from <see cref="CliRun.Now"/>.</summary>
    private static void Waiver(Plant plant, string yamlOwner) =>
        File.WriteAllText(Path.Combine(plant.Project, ".mlaudit.yml"), $"""
            apiVersion: mlaudit/v1
            kind: Config
            waivers:
              - rule: MLA-0031
                reason: accepted-risk
                owner: "{yamlOwner}"
                justification: We accept the risk until the lock file lands.
                expires: 2027-06-30

            """);

    private static void Sql(Plant plant, string statements)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(plant.Project, "mlflow.db")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = statements;
        command.ExecuteNonQuery();
    }

    /// <summary>The file at <paramref name="relative"/> in every run folder of the file store that has it.</summary>
    private static List<string> RunFiles(Plant plant, string relative) =>
        Directory.EnumerateDirectories(Path.Combine(plant.Project, "mlruns"))
            .SelectMany(Directory.EnumerateDirectories)
            .Select(run => Path.Combine([run, .. relative.Split('/')]))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The artifact request failed with the server's status; the echoed header (not shaped like an MLflow error code) is not repeated.</summary>
    private static bool EchoRefused(string problem) =>
        problem.Contains("artifacts/list: HTTP 400", StringComparison.Ordinal) && !problem.Contains("Bearer", StringComparison.Ordinal) && !problem.Contains("Basic", StringComparison.Ordinal);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static JsonElement Finding(Result result, string id) =>
        result.Report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == id);

    private static string? Outcome(Result result, string id) => Finding(result, id).GetProperty("outcome").GetString();

    private static JsonElement Trace(Result result, string runId) =>
        result.Report.GetProperty("trace").EnumerateArray().Single(t => t.GetProperty("runId").GetString() == runId);

    /// <summary>What one case plants: secrets that must not appear, the environment, extra arguments, servers to stop.</summary>
    private sealed class Plant(string project) : IDisposable
    {
        public string Project => project;

        public List<string> Secrets { get; } = [];

        public Dictionary<string, string> Variables { get; } = [];

        public List<string> Args { get; } = [];

        public List<IDisposable> Owned { get; } = [];

        public string OutputName { get; set; } = "out";

        public void Dispose() => Owned.ForEach(o => o.Dispose());
    }

    private sealed record Case(string Fixture, Action<Plant> Setup, Action<Result> Check, int ExitCode = ExitCodes.Success);

    private sealed record Result(CliRun Run, string Output, JsonElement Report)
    {
        public string Text(string file) => File.ReadAllText(Path.Combine(Output, file));
    }
}
