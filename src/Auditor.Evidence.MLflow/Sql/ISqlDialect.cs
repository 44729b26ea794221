using System.Data.Common;

namespace Auditor.Evidence.MLflow.Sql;

/// <summary>What differs between the SQL databases MLflow supports, as far as a reader is concerned.</summary>
internal interface ISqlDialect
{
    /// <summary>Reads the tables and columns of the database.</summary>
    SqlSchema Introspect(DbConnection connection);

    /// <summary>A SQL expression that is true when the metric row is NaN (SQLite stores 0/1, PostgreSQL a boolean).</summary>
    string IsNan(string column);

    /// <summary>
    /// A SQL expression joining text and integer expressions into one string. <c>||</c> is SQLite's; in MySQL it is a
    /// logical OR (unless <c>PIPES_AS_CONCAT</c>), so servers use <c>CONCAT</c>, which converts numbers to text itself.
    /// </summary>
    string Concat(params string[] parts);
}
