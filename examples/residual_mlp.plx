// A residual MLP on the handwritten digits: two blocks that add their
// input back (h + f(h)), layer normalization after each, and dropout that
// is active in training only.

data digits = csv("data/digits.csv.gz", label: last, normalize: minmax,
                  split: 0.8, seed: 1)

model ResidualMLP(x: f32[N, 64]) -> f32[N, 10] {
  h = dense(x, 64, relu)
  r1 = layer_norm(h + dense(h, 64, relu))
  r2 = layer_norm(r1 + dense(dropout(r1, 0.1), 64, gelu))
  return dense(dropout(r2, 0.2), 10, softmax)
}

train ResidualMLP on digits.train {
  loss = sparse_categorical_crossentropy
  optimizer = adamw(lr: 0.002, weight_decay: 0.0001)
  epochs = 30
  batch = 32
  shuffle = true
  seed = 5
  metrics = [accuracy]
}

evaluate ResidualMLP on digits.test
