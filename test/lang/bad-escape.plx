// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Strings know the escapes \" \\ \n \t; any other is an error at the escape
// itself, and every one is reported.
data d = csv("C:\data\iris.csv", delimiter: "\;")

// CHECK:{{.*}}bad-escape.plx:6:17: error: unknown escape sequence '\d'
// CHECK-NEXT:data d = csv("C:\data\iris.csv", delimiter: "\;")
// CHECK-NEXT:                ^~
// CHECK-NEXT:{{.*}}bad-escape.plx:6:22: error: unknown escape sequence '\i'
// CHECK-NEXT:data d = csv("C:\data\iris.csv", delimiter: "\;")
// CHECK-NEXT:                     ^~
// CHECK-NEXT:{{.*}}bad-escape.plx:6:46: error: unknown escape sequence '\;'
// CHECK-NEXT:data d = csv("C:\data\iris.csv", delimiter: "\;")
// CHECK-NEXT:                                             ^~
// CHECK-NEXT:3 errors generated.
