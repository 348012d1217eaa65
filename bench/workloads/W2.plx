// W2: an MNIST-shaped MLP (784 -> 512 -> 512 -> 10, SGD with momentum,
// batch 128, 60,000 random samples).
data mnist = random(samples: 60000, features: 784, classes: 10, seed: 1)

model W2(x: f32[N, 784]) -> f32[N, 10] {
  h = dense(dense(x, 512, relu), 512, relu)
  return dense(h, 10, softmax)
}

train W2 on mnist {
  loss = sparse_categorical_crossentropy
  optimizer = sgd(lr: 0.01, momentum: 0.9)
  batch = 128
}
