// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Arguments of data sources are given once.
data a = csv("Inputs/header.csv", header: true, label: last, header: false)
data b = random(samples: 100, features: 4, classes: 2, samples: 200)

// CHECK:{{.*}}data-duplicate-args.plx:5:62: error: argument 'header' of 'csv' is given twice
// CHECK-NEXT:data a = csv("Inputs/header.csv", header: true, label: last, header: false)
// CHECK-NEXT:                                                             ^~~~~~
// CHECK-NEXT:{{.*}}data-duplicate-args.plx:5:35: note: first given here
// CHECK-NEXT:data a = csv("Inputs/header.csv", header: true, label: last, header: false)
// CHECK-NEXT:                                  ^~~~~~
// CHECK-NEXT:{{.*}}data-duplicate-args.plx:6:56: error: argument 'samples' of 'random' is given twice
// CHECK-NEXT:data b = random(samples: 100, features: 4, classes: 2, samples: 200)
// CHECK-NEXT:                                                       ^~~~~~~
// CHECK-NEXT:{{.*}}data-duplicate-args.plx:6:17: note: first given here
// CHECK-NEXT:data b = random(samples: 100, features: 4, classes: 2, samples: 200)
// CHECK-NEXT:                ^~~~~~~
// CHECK-NEXT:2 errors generated.
