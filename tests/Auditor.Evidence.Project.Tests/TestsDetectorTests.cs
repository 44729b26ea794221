namespace Auditor.Evidence.Project.Tests;

/// <summary>Tests are modules that define a test that tests something; ML code is code that works on data or models.</summary>
public sealed class TestsDetectorTests
{
    private static readonly Corpus NotTests = new()
    {
        ["conftest.py with fixtures only"] = [("tests/conftest.py", "import pytest\n\n@pytest.fixture\ndef df():\n    return None\n")],
        ["a train/test split script named test_split.py"] = [("test_split.py", "import pandas as pd\ndf = pd.read_csv('data.csv')\ndf.sample(frac=0.2).to_csv('test.csv')\n")],
        ["placeholder test asserting True"] = [("tests/test_placeholder.py", "def test_dummy():\n    assert True\n")],
        ["test functions that only pass"] = [("tests/test_todo.py", "def test_train():\n    \"\"\"TODO\"\"\"\n    pass\n\ndef test_predict(): ...\n")],
        ["unittest.TestCase named in a comment"] = [("src/helpers.py", "# subclass unittest.TestCase here later\ndef test_value():\n    return compute()\n")],
        ["a tests folder with only __init__.py"] = [("tests/__init__.py", "")],
    };

    public static TheoryData<string> NotTestNames => NotTests.Names;

    [Theory]
    [MemberData(nameof(NotTestNames))]
    public void Look_alikes_are_not_tests(string situation)
    {
        Assert.Empty(NotTests.Collect(situation).Tests.Files);
    }

    [Theory]
    [InlineData("tests/test_features.py", "from churn.features import build\n\ndef test_build():\n    assert build([1]) == [1]\n")]
    [InlineData("churn/model_test.py", "def test_fit(model):\n    model.fit([[0]], [0])\n")]
    [InlineData("tests/checks.py", "import unittest\n\nclass FitTest(unittest.TestCase):\n    def test_fit(self):\n        self.assertEqual(1, 1 + 0)\n")]
    public void Modules_with_real_tests_are_tests(string path, string content)
    {
        Assert.Equal(path, Assert.Single(ProjectFolder.Of([(path, content)]).Tests.Files).Location.Path);
    }

    [Fact]
    public void A_test_of_a_database_models_module_does_not_touch_ml_code()
    {
        var tests = ProjectFolder.Of([
            ("app/models.py", "from sqlalchemy.orm import DeclarativeBase\nclass User(DeclarativeBase):\n    pass\n"),
            ("app/pipeline.py", "def run(steps):\n    return [s() for s in steps]\n"),
            ("churn/model.py", "import numpy as np\ndef score(x):\n    return np.mean(x)\n"),
            ("tests/test_models.py", "from app.models import User\n\ndef test_user():\n    assert User.__name__ == 'User'\n"),
            ("tests/test_pipeline.py", "from app.pipeline import run\n\ndef test_run():\n    assert run([]) == []\n"),
            ("tests/test_sklearn.py", "from sklearn.linear_model import Ridge\n\ndef test_ridge():\n    assert Ridge().fit([[0], [1]], [0, 1])\n"),
            ("tests/test_model.py", "from churn.model import score\n\ndef test_score():\n    assert score([1, 3]) == 2\n"),
        ]).Tests;

        Assert.Equal(["churn.model"], tests.MlModules);
        Assert.Equal(["tests/test_model.py"], tests.Files.Where(f => f.TouchesMlCode).Select(f => f.Location.Path));
    }
}
