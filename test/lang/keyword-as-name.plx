// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Keywords cannot name things; the error says it found a keyword, and the
// rest of the declaration is not reported as more errors.
data model = random(samples: 10, features: 4, classes: 2)

// CHECK:{{.*}}keyword-as-name.plx:6:6: error: expected identifier, found keyword 'model'
// CHECK-NEXT:data model = random(samples: 10, features: 4, classes: 2)
// CHECK-NEXT:     ^~~~~
// CHECK-NEXT:1 error generated.
