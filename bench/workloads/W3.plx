// W3: a small CNN on 28x28x1 (conv 3x3x32, pool, conv 3x3x64, pool, dense
// 128, dense 10; Adam, batch 64), 6,400 random samples.
data images = random(samples: 6400, features: 784, classes: 10, seed: 1)

model W3(x: f32[N, 28, 28, 1]) -> f32[N, 10] {
  c1 = max_pool2d(conv2d(x, 32, 3, relu, padding: same), 2)
  c2 = max_pool2d(conv2d(c1, 64, 3, relu, padding: same), 2)
  h = dense(flatten(c2), 128, relu)
  return dense(h, 10, softmax)
}

train W3 on images {
  loss = sparse_categorical_crossentropy
  optimizer = adam(lr: 0.001)
  batch = 64
}
