// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// A first row of text is a header: without 'header: true' it would be read
// as a sample.
data flowers = csv("Inputs/header.csv", label: last)

// CHECK:{{.*}}csv-header-text.plx:6:20: error: the first row of 'Inputs/header.csv' is not numeric: 'sepal_length,sepal_width,petal_length,petal_width,species'
// CHECK-NEXT:data flowers = csv("Inputs/header.csv", label: last)
// CHECK-NEXT:                   ^~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}csv-header-text.plx:6:16: help: if it is a header, add 'header: true'
// CHECK-NEXT:data flowers = csv("Inputs/header.csv", label: last)
// CHECK-NEXT:               ^~~
// CHECK-NEXT:1 error generated.
