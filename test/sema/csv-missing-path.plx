// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// csv() needs the path of its file.
data flowers = csv(header: true)

// CHECK:{{.*}}csv-missing-path.plx:5:16: error: missing argument 'path' in call to 'csv'
// CHECK-NEXT:data flowers = csv(header: true)
// CHECK-NEXT:               ^~~
// CHECK-NEXT:1 error generated.
