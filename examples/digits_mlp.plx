// Handwritten digits (UCI, 8x8 images as 64 features) with an explicit
// training loop: a learning-rate schedule, per-epoch evaluation on the
// held-out split and a checkpoint every 10 epochs.

data digits = csv("data/digits.csv.gz", label: last, normalize: minmax,
                  split: 0.8, seed: 1)

model Digits(x: f32[N, 64]) -> f32[N, 10] {
  h = dense(x, 128, relu)
  return dense(h, 10, softmax)
}

train Digits on digits.train {
  optimizer = sgd(lr: 0.1, momentum: 0.9)
  for epoch in 1..30 {
    optimizer.lr = 0.1 * 0.95 ^ epoch
    for (x, y) in batches(digits.train, 64, shuffle: true) {
      step sparse_categorical_crossentropy(Digits(x), y)
    }
    log epoch, evaluate(Digits, digits.test, [loss, accuracy])
    if epoch % 10 == 0 {
      save "digits.safetensors"
    }
  }
}

evaluate Digits on digits.test { metrics = [loss, accuracy] }
predict Digits on digits.test -> "digits_predictions.csv"
