// Iris with the extension's Mish activation, both as a dense layer's
// activation and called by name. Compile with the plugin (README.md):
//   plexc --load-dialect-plugin=PlexusExtension.so mish_iris.plx -o mish_iris

data iris = csv("../data/iris.csv", header: true, label: last,
                normalize: standard, split: 0.8, seed: 7)

model MishIris(x: f32[N, 4]) -> f32[N, 3] {
  h = dense(x, 16, mish)
  g = mish(dense(h, 16))
  return dense(g, 3, softmax)
}

train MishIris on iris.train {
  loss = sparse_categorical_crossentropy
  optimizer = adam(lr: 0.01)
  epochs = 100
  batch = 16
  shuffle = true
  metrics = [accuracy]
}

evaluate MishIris on iris.test
