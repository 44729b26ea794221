using Auditor.Core.Scoring;

namespace Auditor.Reporting;

/// <summary>
/// How every human-readable format shows a category's score: a percentage only when at least half of the rules that
/// apply could be evaluated (passed, failed or waived); otherwise "not enough evidence", so a category with one pass
/// and four unknowns never reads "100%". A category where nothing applies shows "-".
/// </summary>
public static class CategoryWording
{
    public const string NotEnoughEvidence = "not enough evidence";

    /// <summary>Rules of the category that apply (everything but not-applicable).</summary>
    public static int Applicable(CategoryScore category) => category.Passed + category.Failed + category.Unknown + category.Waived;

    public static bool HasEnoughEvidence(CategoryScore category) =>
        category.Score is not null && (category.Passed + category.Failed + category.Waived) * 2 >= Applicable(category);

    public static string Score(CategoryScore category) => category.Score switch
    {
        null when Applicable(category) == 0 => "-",
        _ when !HasEnoughEvidence(category) => NotEnoughEvidence,
        var score => $"{score}%",
    };
}
