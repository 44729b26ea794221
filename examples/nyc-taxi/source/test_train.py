import train


def test_trips_have_plausible_durations():
    trips = train.load_trips(500, seed=1)
    assert len(trips) > 400
    assert trips.duration.between(1, 60).all()


def test_model_fits_and_predicts():
    trips = train.load_trips(300, seed=2)
    columns = train.CATEGORICAL + train.NUMERICAL
    model = train.make_model("ridge", 1.0).fit(trips[columns], trips.duration)
    assert model.predict(trips[columns].head(3)).shape == (3,)
