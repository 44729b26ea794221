using Auditor.Core.Evidence;

namespace Auditor.Core.Tests;

/// <summary>
/// The one pip requirements reader behind the project's requirements files, a logged model's requirements.txt and the
/// requirements files of a traced commit: the union of the cases the three readers it replaced were tested on.
/// </summary>
public sealed class PipRequirementsTests
{
    [Fact]
    public void Hashes_markers_continuations_vcs_urls_and_exact_clauses_decide_pinned()
    {
        const string text = """
            # production
            -r requirements/base.txt
            --index-url https://pypi.org/simple
            pandas==2.2.2 ; python_version >= "3.10"
            scikit-learn>=1.3
            torch \
                --hash=sha256:0123456789abcdef
            mylib @ git+https://github.com/acme/mylib@0123456789abcdef0123456789abcdef01234567
            otherlib @ git+https://github.com/acme/otherlib@main
            -e git+https://github.com/acme/tools.git@v1#egg=tools
            black===24.1.0
            numpy==1.*
            """;

        var requirements = PipRequirements.Parse(text);

        Assert.Equal(
            [("pandas", true), ("scikit-learn", false), ("torch", true), ("mylib", true), ("otherlib", false), ("tools", false), ("black", true), ("numpy", false)],
            requirements.Select(r => (r.Name, r.Pinned)));
        Assert.Equal(4, requirements.Single(r => r.Name == "pandas").Line);
        Assert.Equal(6, requirements.Single(r => r.Name == "torch").Line);
        Assert.Equal((8, 4), PipRequirements.Count(text));
    }

    [Theory]
    // a logged model's requirements.txt: comments, includes and bare names (the old model-artifact counter)
    [InlineData("mlflow==2.17.2\n# comment\nscikit-learn==1.4.2\npandas>=2.0\n-r extra.txt\nnumpy", 4, 2)]
    [InlineData("mlflow==2.17.2\r\ncloudpickle==3.1.0\r\n", 2, 2)]
    [InlineData("mlflow==2.17.2  # the server's version\n   # indented comment\n\n", 1, 1)]
    // a commit's requirements file (the old commit-contents counter): a wildcard is no pin, options are no requirement
    [InlineData("pandas==2.*\nnumpy==1.26.4\n--extra-index-url https://example.org/simple\n", 2, 1)]
    [InlineData("", 0, 0)]
    [InlineData("# only comments\n-c constraints.txt\n", 0, 0)]
    // what the old counters got wrong: === is exact, a '#' inside a URL is no comment, a range with == is no pin
    [InlineData("black===24.1.0\n", 1, 1)]
    [InlineData("pkg @ https://example.org/pkg-1.0.tar.gz#sha256=0123abcd\n", 1, 1)]
    [InlineData("pandas>=2.0,==2.2.2\nflask!=2.0\n", 2, 0)]
    public void Counts_requirements_and_pins(string text, int total, int pinned)
    {
        Assert.Equal((total, pinned), PipRequirements.Count(text));
    }

    [Theory]
    [InlineData("numpy  # pinned below", "numpy  ")]
    [InlineData("numpy\t# tab before the comment", "numpy\t")]
    [InlineData("# a comment", "")]
    [InlineData("git+https://example.org/x.git#egg=x", "git+https://example.org/x.git#egg=x")]
    public void A_comment_starts_a_line_or_follows_whitespace(string line, string kept)
    {
        Assert.Equal(kept, PipRequirements.StripComment(line));
    }
}
