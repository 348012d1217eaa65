// digits_cnn with what the GPU kernels must get right in one epoch of
// SGD: padded and strided convolutions, max and overlapping average pools.

data digits = csv("data/digits.csv.gz", label: last, normalize: minmax,
                  split: 0.8, seed: 1)

model DigitsCNN(x: f32[N, 8, 8, 1]) -> f32[N, 10] {
  c1 = conv2d(x, 16, 3, relu, padding: same)
  p1 = max_pool2d(c1, 2)
  c2 = conv2d(p1, 32, 3, relu, stride: 2, padding: same)
  p2 = avg_pool2d(c2, 2, stride: 1)
  h = dense(flatten(p2), 64, relu)
  return dense(h, 10, softmax)
}

train DigitsCNN on digits.train {
  loss = sparse_categorical_crossentropy
  optimizer = sgd(lr: 0.05)
  epochs = 1
  batch = 32
  shuffle = true
  metrics = [accuracy]
}

evaluate DigitsCNN on digits.test
