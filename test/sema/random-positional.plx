// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// random(...) takes only named arguments: one error, with the parameters.
data points = random(100, 10, classes: 2)

// CHECK:{{.*}}random-positional.plx:5:22: error: 'random' takes only named arguments, such as 'samples: ...'
// CHECK-NEXT:data points = random(100, 10, classes: 2)
// CHECK-NEXT:                     ^~~
// CHECK-NEXT:{{.*}}random-positional.plx:5:15: note: 'random' takes: samples, features, classes, targets, split, seed
// CHECK-NEXT:data points = random(100, 10, classes: 2)
// CHECK-NEXT:              ^~~~~~
// CHECK-NEXT:1 error generated.
