// W1: the founding Keras MLP (10 -> 500 relu -> 10 softmax, Adam, batch 32,
// 100 samples).
data points = random(samples: 100, features: 10, classes: 10, seed: 42)

model W1(x: f32[N, 10]) -> f32[N, 10] {
  return dense(dense(x, 500, relu), 10, softmax)
}

train W1 on points {
  loss = sparse_categorical_crossentropy
  optimizer = adam(lr: 0.001)
  batch = 32
}
