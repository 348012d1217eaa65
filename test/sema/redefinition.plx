// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Top-level names (data sets and models) are declared once.
data points = random(samples: 10, features: 4, classes: 2)
model Net(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2) }
model Net(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2, softmax) }
data points = random(samples: 20, features: 4, classes: 2)

// CHECK:{{.*}}redefinition.plx:7:7: error: redefinition of 'Net'
// CHECK-NEXT:model Net(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2, softmax) }
// CHECK-NEXT:      ^~~
// CHECK-NEXT:{{.*}}redefinition.plx:6:7: note: previous definition is here
// CHECK-NEXT:model Net(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2) }
// CHECK-NEXT:      ^~~
// CHECK-NEXT:{{.*}}redefinition.plx:8:6: error: redefinition of 'points'
// CHECK-NEXT:data points = random(samples: 20, features: 4, classes: 2)
// CHECK-NEXT:     ^~~~~~
// CHECK-NEXT:{{.*}}redefinition.plx:5:6: note: previous definition is here
// CHECK-NEXT:data points = random(samples: 10, features: 4, classes: 2)
// CHECK-NEXT:     ^~~~~~
// CHECK-NEXT:2 errors generated.
