// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Random data is either for classification (classes) or regression
// (targets), never both or neither.
data a = random(samples: 100, features: 10)
data b = random(samples: 100, features: 10, classes: 3, targets: 1)

// CHECK:{{.*}}random-classes-or-targets.plx:6:10: error: random data needs exactly one of 'classes' (classification) or 'targets' (regression)
// CHECK-NEXT:data a = random(samples: 100, features: 10)
// CHECK-NEXT:         ^~~~~~
// CHECK-NEXT:{{.*}}random-classes-or-targets.plx:7:10: error: random data needs exactly one of 'classes' (classification) or 'targets' (regression)
// CHECK-NEXT:data b = random(samples: 100, features: 10, classes: 3, targets: 1)
// CHECK-NEXT:         ^~~~~~
// CHECK-NEXT:2 errors generated.
