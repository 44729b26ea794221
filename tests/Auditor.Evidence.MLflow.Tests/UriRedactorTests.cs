namespace Auditor.Evidence.MLflow.Tests;

public sealed class UriRedactorTests
{
    [Theory]
    [InlineData("postgresql://mlflow:hunter2@db:5432/mlflow", "postgresql://mlflow:***@db:5432/mlflow")]
    [InlineData("postgresql+psycopg2://mlflow:p%40ss@db/mlflow?sslmode=require", "postgresql+psycopg2://mlflow:***@db/mlflow?sslmode=require")]
    [InlineData("postgresql://db/mlflow?user=u&password=hunter2", "postgresql://db/mlflow?user=u&password=***")]
    [InlineData("mysql://mlflow:hunter2@db:3306/mlflow", "mysql://mlflow:***@db:3306/mlflow")]
    [InlineData("mysql+pymysql://mlflow:p%40ss@db/mlflow?ssl_ca=/ca.pem&passwd=hunter2", "mysql+pymysql://mlflow:***@db/mlflow?ssl_ca=/ca.pem&passwd=***")]
    [InlineData("https://alice:hunter2@mlflow.example.com/prefix", "https://alice:***@mlflow.example.com/prefix")]
    [InlineData("https://hunter2@mlflow.example.com", "https://***@mlflow.example.com")]
    [InlineData("https://mlflow.example.com/?token=hunter2", "https://mlflow.example.com/?token=***")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    public void Credentials_are_removed(string uri, string expected)
    {
        Assert.Equal(expected, UriRedactor.Redact(uri));
        Assert.Equal(expected, TrackingUriResolver.Parse(uri, "/").RedactedUri);
    }

    [Theory]
    [InlineData("postgresql+psycopg2://u@h/db", Core.Tracking.TrackingStoreKind.Postgresql)]
    [InlineData("postgres://u@h/db", Core.Tracking.TrackingStoreKind.Postgresql)]
    [InlineData("mysql://u@h/db", Core.Tracking.TrackingStoreKind.Mysql)]
    [InlineData("mysql+pymysql://u@h/db", Core.Tracking.TrackingStoreKind.Mysql)]
    [InlineData("mysql+mysqldb://u@h/db", Core.Tracking.TrackingStoreKind.Mysql)]
    [InlineData("https://mlflow.example.com", Core.Tracking.TrackingStoreKind.Rest)]
    public void Remote_schemes_resolve(string uri, Core.Tracking.TrackingStoreKind kind) =>
        Assert.Equal(kind, TrackingUriResolver.Parse(uri, "/").Kind);
}
