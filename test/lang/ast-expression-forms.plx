// RUN: plexc --emit=ast %s > %t 2> %t.err; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Expression forms the grammar accepts even where Sema rejects them (the AST
// is printed before Sema runs; the exit code reports its errors): member
// and call chains, calls without arguments, empty and nested lists, keyword
// names after '.' and before ':', parentheses (not in the AST).
data a = f()(1).g.model(data: [], on: [[1], [2, 3]])
data b = ((((-1))))
data c = not not x.y.z

// CHECK:Program
// CHECK-NEXT:  Data a <8:1>
// CHECK-NEXT:    Call <8:10>
// CHECK-NEXT:      Member .model <8:19>
// CHECK-NEXT:        Member .g <8:17>
// CHECK-NEXT:          Call <8:10>
// CHECK-NEXT:            Call <8:10>
// CHECK-NEXT:              Name f <8:10>
// CHECK-NEXT:            Int 1 <8:14>
// CHECK-NEXT:      Named data <8:25>
// CHECK-NEXT:        List <8:31>
// CHECK-NEXT:      Named on <8:35>
// CHECK-NEXT:        List <8:39>
// CHECK-NEXT:          List <8:40>
// CHECK-NEXT:            Int 1 <8:41>
// CHECK-NEXT:          List <8:45>
// CHECK-NEXT:            Int 2 <8:46>
// CHECK-NEXT:            Int 3 <8:49>
// CHECK-NEXT:  Data b <9:1>
// CHECK-NEXT:    Unary - <9:14>
// CHECK-NEXT:      Int 1 <9:15>
// CHECK-NEXT:  Data c <10:1>
// CHECK-NEXT:    Unary not <10:10>
// CHECK-NEXT:      Unary not <10:14>
// CHECK-NEXT:        Member .z <10:22>
// CHECK-NEXT:          Member .y <10:20>
// CHECK-NEXT:            Name x <10:18>
// CHECK-NOT:{{.}}
