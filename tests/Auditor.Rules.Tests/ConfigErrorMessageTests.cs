using Auditor.Testing;

namespace Auditor.Rules.Tests;

/// <summary>Typical mistakes in <c>.mlaudit.yml</c> each give one line naming the file, the line, the key and what is allowed.</summary>
public sealed class ConfigErrorMessageTests
{
    private const string ValidConfig = """
        apiVersion: mlaudit/v1
        kind: Config
        gate:
          minLevel: 2
          failOn: high
        rules:
          disable: [MLA-0036]
        waivers:
          - rule: MLA-0031
            reason: accepted-risk
            owner: data-platform
            justification: The lock file arrives with the move to uv next quarter.
            expires: 2027-06-30

        """;

    [Theory]
    [InlineData("kind: Config\n", "kind: Config\ntrackingUrl: file:./mlruns\n", "3: unknown key 'trackingUrl' (did you mean 'trackingUri'?)")]
    [InlineData("  minLevel: 2\n", "  minLevl: 2\n", "4: unknown key 'minLevl' under 'gate' (did you mean 'minLevel'?)")]
    [InlineData("  failOn: high\n", "  failOn: urgent\n", "5: 'failOn' under 'gate' must be one of: info, low, medium, high, critical")]
    [InlineData("  failOn: high\n", "  failOn: hihg\n", "5: 'failOn' under 'gate' must be one of: info, low, medium, high, critical (did you mean 'high'?)")]
    [InlineData("  minLevel: 2\n", "  minLevel: two\n", "4: 'minLevel' under 'gate' must be a whole number, not the text 'two'")]
    [InlineData("  minLevel: 2\n", "  minLevel: 7\n", "4: 'minLevel' under 'gate' must be a whole number from 0 to 4")]
    [InlineData("    owner: data-platform\n", "", "9: missing required key 'owner' under 'waivers[0]'")]
    [InlineData("  failOn: high\n", "\tfailOn: high\n", "4: invalid YAML: While scanning a plain scalar, found a tab character that violate indentation")]
    [InlineData("  failOn: high\n", "  failOn: high: now\n", "5: invalid YAML: While scanning a plain scalar value, found invalid mapping")]
    [InlineData("gate:\n  minLevel: 2\n  failOn: high\n", "gate:\n  - minLevel: 2\n  - failOn: high\n", "3: 'gate' must be a mapping, not a list")]
    [InlineData("  - rule: MLA-0031\n", "  - rule: mla-31\n", "9: 'rule' under 'waivers[0]' must be a rule id like MLA-0003")]
    [InlineData("rules:\n", "gate:\n  minLevel: 1\nrules:\n", "6: duplicate key 'gate' (a key may appear once in a mapping)")]
    [InlineData("    reason: accepted-risk\n", "    reason: wontfix\n", "10: 'reason' under 'waivers[0]' must be one of: not-applicable, accepted-risk, false-positive, remediation-planned")]
    [InlineData("  disable: [MLA-0036]\n", "  disable: MLA-0036\n", "7: 'disable' under 'rules' must be a list, not the text 'MLA-0036'")]
    [InlineData("  disable: [MLA-0036]\n", "  disable: [MLA-0036, 36]\n", "7: 'disable[1]' under 'rules' must be a text, not the number 36")]
    [InlineData("The lock file arrives with the move to uv next quarter.", "later", "12: 'justification' under 'waivers[0]' must be at least 10 characters long")]
    [InlineData("apiVersion: mlaudit/v1\n", "apiVersion: mlaudit/v2\n", "1: 'apiVersion' must be mlaudit/v1")]
    [InlineData("kind: Config\n", "kind: Configuration\n", "2: 'kind' must be one of: Config, Attestations")]
    [InlineData("expires: 2027-06-30", "expires: 2027-02-30", "13: 'expires' is not a real date (yyyy-MM-dd)")]
    [InlineData("expires: 2027-06-30", "expires: 30.06.2027", "13: 'expires' under 'waivers[0]' must be a date like 2027-06-30 (yyyy-MM-dd)")]
    [InlineData("rules:\n  disable: [MLA-0036]\n", "rules:\n  thresholds:\n    mla-7: {runs.paramsShare: 0.5}\n", "8: key 'mla-7' under 'rules.thresholds' must be a rule id like MLA-0003")]
    [InlineData("rules:\n  disable: [MLA-0036]\n", "rules:\n  thresholds:\n    MLA-0007: {runs.paramsShare: most}\n", "8: 'runs.paramsShare' under 'rules.thresholds.MLA-0007' must be a number, not the text 'most'")]
    public void Mistake_gives_one_line_naming_file_line_key_and_what_is_allowed(string find, string replace, string expected)
    {
        Assert.Contains(find, ValidConfig);
        using var folder = new TempFolder();
        var file = folder.Combine(".mlaudit.yml");
        File.WriteAllText(file, ValidConfig.Replace(find, replace));

        var error = Assert.Throws<RuleFileException>(() => ProjectConfigLoader.Load(file));

        Assert.Equal($"{file}:{expected}", error.Message);
    }

    [Theory]
    [InlineData("    answer: \"yes\"\n", "    answer: maybe\n", "5: 'answer' under 'attestations[0]' must be one of: yes, no")]
    [InlineData("    owner: carol@example.com\n", "    owner: carol@example.com\n    evidnce: https://wiki.example.com\n", "8: unknown key 'evidnce' under 'attestations[0]' (did you mean 'evidence'?)")]
    [InlineData("    date: 2026-11-01\n", "", "4: missing required key 'date' under 'attestations[0]'")]
    [InlineData("kind: Attestations\n", "kind: attestations\n", "2: 'kind' must be one of: Config, Attestations (did you mean 'Attestations'?)")]
    public void Mistake_in_the_attestation_file_gives_one_line(string find, string replace, string expected)
    {
        const string valid = """
            apiVersion: mlaudit/v1
            kind: Attestations
            attestations:
              - rule: MLA-0101
                answer: "yes"
                date: 2026-11-01
                owner: carol@example.com
                expires: 2027-05-01

            """;
        Assert.Contains(find, valid);
        using var folder = new TempFolder();
        var file = folder.Combine(".mlaudit-attestations.yml");
        File.WriteAllText(file, valid.Replace(find, replace));

        var error = Assert.Throws<RuleFileException>(() => AttestationFile.Load(file));

        Assert.Equal($"{file}:{expected}", error.Message);
    }

    [Fact]
    public void The_valid_configuration_loads()
    {
        using var folder = new TempFolder();
        var file = folder.Combine(".mlaudit.yml");
        File.WriteAllText(file, ValidConfig);

        var config = ProjectConfigLoader.Load(file);

        Assert.Equal(2, config.Gate.MinLevel);
        Assert.Equal("MLA-0031", Assert.Single(config.Waivers).RuleId);
    }

    [Fact]
    public void An_unclosed_list_followed_by_more_lines_is_an_input_error_not_a_crash()
    {
        using var folder = new TempFolder();
        var file = folder.Combine(".mlaudit.yml");
        File.WriteAllText(file, ValidConfig.Replace("  failOn: high\n", "  failOn: [high\n"));

        var error = Assert.Throws<RuleFileException>(() => ProjectConfigLoader.Load(file));

        Assert.Equal($"{file}: invalid YAML: the parser stopped; look for an unclosed '[' or '{{'", error.Message);
    }

    [Fact]
    public void A_list_instead_of_a_mapping_at_the_top_names_the_file()
    {
        using var folder = new TempFolder();
        var file = folder.Combine(".mlaudit.yml");
        File.WriteAllText(file, "- apiVersion: mlaudit/v1\n- kind: Config\n");

        var error = Assert.Throws<RuleFileException>(() => ProjectConfigLoader.Load(file));

        Assert.Equal($"{file}:1: the file must be a mapping (apiVersion: mlaudit/v1, kind: ...), not a list", error.Message);
    }

    [Theory]
    [InlineData("minLevl", "minLevel")]
    [InlineData("ignorepaths", "ignorePaths")]
    [InlineData("waiver", "waivers")]
    [InlineData("colour", null)]
    public void A_typo_suggests_the_closest_key(string typo, string? expected) =>
        Assert.Equal(expected, SchemaMessages.Suggest(typo, ["minLevel", "failOn", "ignorePaths", "waivers", "gate"]));
}
