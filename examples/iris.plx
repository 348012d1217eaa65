// Fisher's iris: 4 measurements -> 3 species, standardized features.
// The first line of iris.csv is a summary header, not data.

data iris = csv("data/iris.csv", header: true, label: last,
                normalize: standard, split: 0.8, seed: 7)

model Iris(x: f32[N, 4]) -> f32[N, 3] {
  h = dense(x, 16, tanh)
  return dense(h, 3, softmax)
}

train Iris on iris.train {
  loss = sparse_categorical_crossentropy
  optimizer = adam(lr: 0.01)
  epochs = 100
  batch = 16
  shuffle = true
  metrics = [accuracy]
}

evaluate Iris on iris.test
