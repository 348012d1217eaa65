// RUN: plexc --emit=ast %s > %t
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

/* Comments are whitespace: line comments, block comments over several
   lines, and comments between the tokens of an expression. A '//' inside a
   string is not a comment, and neither is a '/*'. Comment markers inside
   comments (// and /*) are ignored. */
data d /* the data */ = random(samples: /* a hundred */ 100, // samples
                               features: 4, classes: 2)
model M(x: f32[N, 4]) -> f32[N, 2] {
  // A line comment in a block.
  return dense(x, 2 /* units */, softmax) /**/ // trailing
}
predict M on d -> "http://example.com/*x*/.csv"

// CHECK:Program
// CHECK-NEXT:  Data d <8:1>
// CHECK-NEXT:    Call <8:25>
// CHECK-NEXT:      Name random <8:25>
// CHECK-NEXT:      Named samples <8:32>
// CHECK-NEXT:        Int 100 <8:57>
// CHECK-NEXT:      Named features <9:32>
// CHECK-NEXT:        Int 4 <9:42>
// CHECK-NEXT:      Named classes <9:45>
// CHECK-NEXT:        Int 2 <9:54>
// CHECK-NEXT:  Model M <10:1>
// CHECK-NEXT:    Param x : f32[N, 4] <10:9>
// CHECK-NEXT:    Result f32[N, 2] <10:26>
// CHECK-NEXT:    Return <12:3>
// CHECK-NEXT:      Call <12:10>
// CHECK-NEXT:        Name dense <12:10>
// CHECK-NEXT:        Name x <12:16>
// CHECK-NEXT:        Int 2 <12:19>
// CHECK-NEXT:        Name softmax <12:34>
// CHECK-NEXT:  Predict M <14:1> -> "http://example.com/*x*/.csv"
// CHECK-NEXT:    On
// CHECK-NEXT:      Name d <14:14>
// CHECK-NOT:{{.}}
