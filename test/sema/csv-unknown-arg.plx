// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Misspelled argument names get a suggestion.
data flowers = csv("Inputs/header.csv", headers: true, labl: last)

// CHECK:{{.*}}csv-unknown-arg.plx:5:41: error: 'csv' has no parameter named 'headers'
// CHECK-NEXT:data flowers = csv("Inputs/header.csv", headers: true, labl: last)
// CHECK-NEXT:                                        ^~~~~~~
// CHECK-NEXT:{{.*}}csv-unknown-arg.plx:5:41: help: did you mean 'header'?
// CHECK-NEXT:data flowers = csv("Inputs/header.csv", headers: true, labl: last)
// CHECK-NEXT:                                        ^~~~~~~
// CHECK-NEXT:                                        header
// CHECK-NEXT:{{.*}}csv-unknown-arg.plx:5:56: error: 'csv' has no parameter named 'labl'
// CHECK-NEXT:data flowers = csv("Inputs/header.csv", headers: true, labl: last)
// CHECK-NEXT:                                                       ^~~~
// CHECK-NEXT:{{.*}}csv-unknown-arg.plx:5:56: help: did you mean 'label'?
// CHECK-NEXT:data flowers = csv("Inputs/header.csv", headers: true, labl: last)
// CHECK-NEXT:                                                       ^~~~
// CHECK-NEXT:                                                       label
// CHECK-NEXT:2 errors generated.
