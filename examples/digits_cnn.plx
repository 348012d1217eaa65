// Handwritten digits (UCI, 8x8 grey images) with a small convolutional
// network: each row of 64 features is read as an 8x8x1 image.

data digits = csv("data/digits.csv.gz", label: last, normalize: minmax,
                  split: 0.8, seed: 1)

model DigitsCNN(x: f32[N, 8, 8, 1]) -> f32[N, 10] {
  c1 = conv2d(x, 16, 3, relu, padding: same)
  p1 = max_pool2d(c1, 2)
  c2 = conv2d(p1, 32, 3, relu, padding: same)
  p2 = max_pool2d(c2, 2)
  h = dense(flatten(p2), 64, relu)
  return dense(h, 10, softmax)
}

train DigitsCNN on digits.train {
  loss = sparse_categorical_crossentropy
  optimizer = adam(lr: 0.003)
  epochs = 20
  batch = 32
  shuffle = true
  metrics = [accuracy]
}

evaluate DigitsCNN on digits.test
