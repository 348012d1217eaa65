// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A training loop that never takes a step never trains.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for epoch in 1..10 {
    log epoch, evaluate(Net, points.test, [accuracy])
  }
}

// CHECK:{{.*}}loop-without-step.plx:7:1: error: training loop never takes a 'step'
// CHECK-NEXT:train Net on points.train {
// CHECK-NEXT:^~~~~
// CHECK-NEXT:1 error generated.
