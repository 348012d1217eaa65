// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Metrics are loss, accuracy, mse and mae; each at most once; 'metrics' is
// a list, in train and evaluate blocks alike.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  metrics = [acuracy, loss, loss]
}
evaluate Net on points.test {
  metrics = accuracy
}

// CHECK:{{.*}}unknown-metric.plx:10:14: error: unknown metric 'acuracy'; expected one of loss, accuracy, mse, mae, top2_accuracy, top3_accuracy, top5_accuracy, precision, recall, f1
// CHECK-NEXT:  metrics = [acuracy, loss, loss]
// CHECK-NEXT:             ^~~~~~~
// CHECK-NEXT:{{.*}}unknown-metric.plx:10:14: help: did you mean 'accuracy'?
// CHECK-NEXT:  metrics = [acuracy, loss, loss]
// CHECK-NEXT:             ^~~~~~~
// CHECK-NEXT:             accuracy
// CHECK-NEXT:{{.*}}unknown-metric.plx:10:29: error: metric 'loss' is listed twice
// CHECK-NEXT:  metrics = [acuracy, loss, loss]
// CHECK-NEXT:                            ^~~~
// CHECK-NEXT:{{.*}}unknown-metric.plx:13:13: error: metrics must be a list such as [loss, accuracy], found the name 'accuracy'
// CHECK-NEXT:  metrics = accuracy
// CHECK-NEXT:            ^~~~~~~~
// CHECK-NEXT:3 errors generated.
