namespace Auditor.Core.Tracking;

/// <summary>The backends mlaudit reads; the JSON report writes them in lower case.</summary>
public enum TrackingStoreKind
{
    File,
    Sqlite,
    Postgresql,
    Mysql,
    Rest,
}
