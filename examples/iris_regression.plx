// Regression on real data: predict an iris flower's petal width (column 3)
// from its sepal length, sepal width and petal length (columns 0..2).

data flowers = csv("data/iris.csv", header: true, features: 0..2, label: 3,
                   normalize: standard, split: 0.8, seed: 3)

model PetalWidth(x: f32[N, 3]) -> f32[N, 1] {
  h = dense(x, 32, relu)
  return dense(h, 1)
}

train PetalWidth on flowers.train {
  loss = mse
  optimizer = sgd(lr: 0.05, momentum: 0.9)
  epochs = 50
  batch = 16
  metrics = [mae]
}

evaluate PetalWidth on flowers.test { metrics = [loss, mae] }
predict PetalWidth on flowers.test -> "petal_width.csv"
