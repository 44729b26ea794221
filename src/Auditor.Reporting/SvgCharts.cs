using System.Globalization;
using System.Text;
using Auditor.Core.Reporting;
using Auditor.Core.Scoring;

namespace Auditor.Reporting;

/// <summary>Inline SVG charts for the HTML report (no script, no external resources); every label is HTML-escaped.</summary>
public static class SvgCharts
{
    private const int Row = 26;

    /// <summary>
    /// One horizontal bar per category, 0-100, named from <see cref="CategoryLabels"/>; a category where fewer than half
    /// the rules that apply were evaluated has no bar and says "not enough evidence" (<see cref="CategoryWording"/>).
    /// </summary>
    public static TrustedHtml Categories(IReadOnlyList<CategoryScore> categories)
    {
        var height = Math.Max(1, categories.Count) * Row + 8;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"chart\" role=\"img\" aria-label=\"Category scores\" viewBox=\"0 0 720 {height}\" width=\"720\" height=\"{height}\">"));
        for (var i = 0; i < categories.Count; i++)
        {
            var c = categories[i];
            var y = 4 + (i * Row);
            var name = Encode(CategoryLabels.Of(c.Category));
            svg.Append(Invariant($"<text x=\"0\" y=\"{y + 17}\" class=\"label\">{name}</text>"));
            svg.Append(Invariant($"<rect x=\"160\" y=\"{y + 4}\" width=\"400\" height=\"16\" class=\"track\"/>"));
            if (c.Score is { } score && CategoryWording.HasEnoughEvidence(c))
            {
                svg.Append(Invariant($"<rect x=\"160\" y=\"{y + 4}\" width=\"{score * 4}\" height=\"16\" class=\"bar {(score >= 80 ? "good" : score >= 50 ? "fair" : "poor")}\"/>"));
            }

            var text = CategoryWording.Score(c);
            svg.Append(Invariant($"<text x=\"568\" y=\"{y + 17}\" class=\"value\">{text}</text>"));
            svg.Append(Invariant($"<title>{name}: {c.Passed} passed, {c.Failed} failed, {c.Unknown} unknown, {c.NotApplicable} not applicable</title>"));
        }

        return new TrustedHtml(svg.Append("</svg>").ToString());
    }

    /// <summary>Runs per month as columns, the part recording a git commit filled darker.</summary>
    public static TrustedHtml RunsOverTime(IReadOnlyList<RunPeriod> periods)
    {
        const int plot = 160;
        var width = Math.Max(640, (periods.Count * 18) + 50);
        var max = Math.Max(1, periods.Count == 0 ? 1 : periods.Max(p => p.Runs));
        var slot = periods.Count == 0 ? 0 : Math.Min(48, (width - 50.0) / periods.Count);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"chart\" role=\"img\" aria-label=\"Runs per month and the share recording a git commit\" viewBox=\"0 0 {width} {plot + 40}\" width=\"{width}\" height=\"{plot + 40}\">"));
        svg.Append(Invariant($"<text x=\"0\" y=\"12\" class=\"value\">{max}</text><line x1=\"40\" y1=\"{plot + 10}\" x2=\"{width}\" y2=\"{plot + 10}\" class=\"axis\"/>"));
        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            var x = 50 + (i * slot);
            var w = Math.Max(2, slot - 4);
            var all = (double)plot * p.Runs / max;
            var git = (double)plot * p.WithGitCommit / max;
            svg.Append(Invariant($"<g><title>{p.Month}: {p.Runs} runs, {p.WithGitCommit} with a git commit</title>"));
            svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{plot + 10 - all:0.#}\" width=\"{w:0.#}\" height=\"{all:0.#}\" class=\"track\"/>"));
            svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{plot + 10 - git:0.#}\" width=\"{w:0.#}\" height=\"{git:0.#}\" class=\"bar good\"/></g>"));
            if (i == 0 || i == periods.Count - 1 || periods.Count <= 12)
            {
                svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{plot + 28}\" class=\"tick\">{Encode(p.Month)}</text>"));
            }
        }

        return new TrustedHtml(svg.Append("</svg>").ToString());
    }

    /// <summary>The attained level of each audit kept with <c>--history</c>, as a line over time (0-4).</summary>
    public static TrustedHtml History(IReadOnlyList<HistoryPoint> points)
    {
        const int plot = 120;
        var width = Math.Max(640, (points.Count * 40) + 60);
        var step = points.Count <= 1 ? 0 : (width - 80.0) / (points.Count - 1);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"chart\" role=\"img\" aria-label=\"Maturity level over time\" viewBox=\"0 0 {width} {plot + 40}\" width=\"{width}\" height=\"{plot + 40}\">"));
        for (var level = 0; level <= 4; level++)
        {
            var y = plot + 10 - (level * plot / 4.0);
            svg.Append(Invariant($"<text x=\"0\" y=\"{y + 4:0.#}\" class=\"tick\">L{level}</text><line x1=\"30\" y1=\"{y:0.#}\" x2=\"{width}\" y2=\"{y:0.#}\" class=\"axis\"/>"));
        }

        var coordinates = points.Select((p, i) => (X: 50 + (i * step), Y: plot + 10 - (p.Level * plot / 4.0), Point: p)).ToList();
        if (coordinates.Count > 1)
        {
            svg.Append("<polyline class=\"line\" fill=\"none\" points=\"");
            svg.Append(string.Join(' ', coordinates.Select(c => Invariant($"{c.X:0.#},{c.Y:0.#}"))));
            svg.Append("\"/>");
        }

        foreach (var (x, y, point) in coordinates)
        {
            var when = point.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            svg.Append(Invariant($"<g><title>{when}: level {point.Level}</title><circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"5\" class=\"bar good\"/></g>"));
            svg.Append(Invariant($"<text x=\"{x - 30:0.#}\" y=\"{plot + 30}\" class=\"tick\">{when}</text>"));
        }

        return new TrustedHtml(svg.Append("</svg>").ToString());
    }

    private static string Encode(string text) => HtmlText.Encode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
