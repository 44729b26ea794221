"""Trip-duration model for NYC green taxis, tracked with MLflow.

Trains a linear model on trip features and logs parameters, metrics, the
dataset and the fitted pipeline to MLflow.
"""
import argparse

import mlflow
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Lasso, LinearRegression, Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

CATEGORICAL = ["PU_DO"]
NUMERICAL = ["trip_distance"]


def load_trips(rows: int, seed: int) -> pd.DataFrame:
    """A taxi-like frame: pickup/dropoff zones, distance and duration in minutes."""
    rng = np.random.default_rng(seed)
    pickup = rng.integers(1, 41, rows)
    dropoff = (pickup + rng.integers(-5, 6, rows)).clip(1, 40)
    distance = rng.gamma(2.0, 1.5, rows) + np.abs(pickup - dropoff) * 0.3
    minutes = distance / rng.normal(17, 3.5, rows).clip(4, 40) * 60 + rng.normal(3, 1.5, rows)
    frame = pd.DataFrame({"PU_DO": [f"{p}_{d}" for p, d in zip(pickup, dropoff)], "trip_distance": distance, "duration": minutes})
    return frame[frame.duration.between(1, 60)]


def make_model(kind: str, alpha: float) -> Pipeline:
    regressors = {"linear": LinearRegression(), "ridge": Ridge(alpha=alpha), "lasso": Lasso(alpha=alpha)}
    features = ColumnTransformer([("zones", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL)], remainder="passthrough")
    return Pipeline([("features", features), ("regressor", regressors[kind])])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="ridge", choices=["linear", "ridge", "lasso"])
    parser.add_argument("--alpha", type=float, default=1.0)
    parser.add_argument("--rows", type=int, default=6000)
    args = parser.parse_args()

    trips = load_trips(args.rows, seed=42)
    train, valid = trips.iloc[: len(trips) * 2 // 3], trips.iloc[len(trips) * 2 // 3 :]
    with mlflow.start_run():
        mlflow.log_params(vars(args))
        mlflow.log_input(mlflow.data.from_pandas(train, name="green_tripdata_2023-01"), context="training")
        model = make_model(args.model, args.alpha).fit(train[CATEGORICAL + NUMERICAL], train.duration)
        predicted = model.predict(valid[CATEGORICAL + NUMERICAL])
        mlflow.log_metric("rmse", mean_squared_error(valid.duration, predicted) ** 0.5)
        mlflow.log_metric("mae", mean_absolute_error(valid.duration, predicted))
        mlflow.sklearn.log_model(model, "model", input_example=valid[CATEGORICAL + NUMERICAL].head(3))


if __name__ == "__main__":
    main()
