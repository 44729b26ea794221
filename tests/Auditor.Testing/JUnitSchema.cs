using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Auditor.Testing;

/// <summary>Validates JUnit XML against Jenkins' JUnit schema (xunit-plugin junit-10.xsd, kept in the reporting tests' data).</summary>
public static class JUnitSchema
{
    public static string SchemaPath { get; } = Path.Combine(TestPaths.RepositoryRoot, "tests", "Auditor.Reporting.Tests", "TestData", "jenkins-junit-10.xsd");

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(SchemaPath);
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    /// <summary>Every schema error and warning, one line each with its position; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Errors(string xml)
    {
        var errors = new List<string>();
        var document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        document.Validate(Schemas.Value, (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}"), addSchemaInfo: false);
        return errors;
    }

    public static void AssertValid(string xml)
    {
        var errors = Errors(xml);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"JUnit XML does not validate against {Path.GetFileName(SchemaPath)}:\n{string.Join("\n", errors)}");
        }
    }
}
