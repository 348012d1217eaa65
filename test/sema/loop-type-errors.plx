// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Operators check their operand types.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on points.train {
  optimizer = adam
  for epoch in 1..3 {
    for (x, y) in batches(points.train, 32) {
      step mse(Net(x), y)
    }
    log epoch + true, epoch / 2 % 3, not epoch, -"a", [1, 2]
  }
}

// CHECK:{{.*}}loop-type-errors.plx:13:15: error: invalid operand to '+': a boolean
// CHECK-NEXT:    log epoch + true, epoch / 2 % 3, not epoch, -"a", [1, 2]
// CHECK-NEXT:              ^
// CHECK-NEXT:{{.*}}loop-type-errors.plx:13:33: error: '%' expects integers
// CHECK-NEXT:    log epoch + true, epoch / 2 % 3, not epoch, -"a", [1, 2]
// CHECK-NEXT:                                ^
// CHECK-NEXT:{{.*}}loop-type-errors.plx:13:38: error: invalid operand to 'not': an integer
// CHECK-NEXT:    log epoch + true, epoch / 2 % 3, not epoch, -"a", [1, 2]
// CHECK-NEXT:                                     ^~~
// CHECK-NEXT:{{.*}}loop-type-errors.plx:13:49: error: invalid operand to unary '-': a string
// CHECK-NEXT:    log epoch + true, epoch / 2 % 3, not epoch, -"a", [1, 2]
// CHECK-NEXT:                                                ^
// CHECK-NEXT:{{.*}}loop-type-errors.plx:13:55: error: a list is only allowed as the metrics of evaluate(...)
// CHECK-NEXT:    log epoch + true, epoch / 2 % 3, not epoch, -"a", [1, 2]
// CHECK-NEXT:                                                      ^~~~~~
// CHECK-NEXT:5 errors generated.
