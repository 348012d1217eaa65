// The founding example: the Keras program from the design sketch.
//
//   x = np.random.random((100, 10)); y = one-hot random labels of 10 classes
//   model = Sequential([Dense(500, activation="relu"),
//                       Dense(10, activation="softmax")])
//   model.compile(optimizer="adam", loss="categorical_crossentropy",
//                 metrics=["accuracy"])
//   model.fit(x, y, epochs=10, batch_size=32)
//   model.evaluate(x, y); model.predict(x)

data points = random(samples: 100, features: 10, classes: 10, seed: 42)

model Classifier(x: f32[N, 10]) -> f32[N, 10] {
  h = dense(x, 500, relu)
  return dense(h, 10, softmax)
}

train Classifier on points {
  loss = categorical_crossentropy
  optimizer = adam(lr: 0.001)
  epochs = 10
  batch = 32
  metrics = [accuracy]
}

evaluate Classifier on points
predict Classifier on points -> "predictions.csv"
