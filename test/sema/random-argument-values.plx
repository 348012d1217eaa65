// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Sizes are positive integers; a single class is no classification.
data a = random(samples: 10.5, features: 4, classes: 2)
data b = random(samples: 100, features: 0, classes: 2)
data c = random(samples: 100, features: 4, classes: 1)
data d = random(samples: 100, features: 4, classes: 2, seed: -1)

// CHECK:{{.*}}random-argument-values.plx:5:26: error: argument 'samples' of 'random' must be an integer, found a number
// CHECK-NEXT:data a = random(samples: 10.5, features: 4, classes: 2)
// CHECK-NEXT:                         ^~~~
// CHECK-NEXT:{{.*}}random-argument-values.plx:6:41: error: argument 'features' of 'random' must be in [1, 1000000], got 0
// CHECK-NEXT:data b = random(samples: 100, features: 0, classes: 2)
// CHECK-NEXT:                                        ^
// CHECK-NEXT:{{.*}}random-argument-values.plx:7:53: error: argument 'classes' of 'random' must be in [2, 1000000], got 1
// CHECK-NEXT:data c = random(samples: 100, features: 4, classes: 1)
// CHECK-NEXT:                                                    ^
// CHECK-NEXT:{{.*}}random-argument-values.plx:8:62: error: argument 'seed' of 'random' must be in [0, 4294967295], got -1
// CHECK-NEXT:data d = random(samples: 100, features: 4, classes: 2, seed: -1)
// CHECK-NEXT:                                                             ^
// CHECK-NEXT:4 errors generated.
