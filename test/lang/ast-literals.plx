// RUN: plexc --emit=ast %s > %t
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Literals, names, members, calls with named arguments and lists in a
// valid training loop: integers, floats with and without exponents, strings
// with every escape, booleans. Keywords are names after '.' and before ':'.
data d = random(samples: 10, features: 4, classes: 2, split: 0.5)
model M(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2, softmax) }
train M on d.train {
  optimizer = sgd(lr: 1e-3, momentum: 0.9)
  for (x, y) in batches(d.train, 4, shuffle: false) {
    step sparse_categorical_crossentropy(M(x), y, from_logits: false)
  }
  log 42, 0.5, 2.5E+2, 7e2, true, false
  log "tab\tnewline\nquote\"backslash\\"
  log evaluate(model: M, data: d.test, metrics: [loss, accuracy])
}

// CHECK:Program
// CHECK-NEXT:  Data d <7:1>
// CHECK-NEXT:    Call <7:10>
// CHECK-NEXT:      Name random <7:10>
// CHECK-NEXT:      Named samples <7:17>
// CHECK-NEXT:        Int 10 <7:26>
// CHECK-NEXT:      Named features <7:30>
// CHECK-NEXT:        Int 4 <7:40>
// CHECK-NEXT:      Named classes <7:43>
// CHECK-NEXT:        Int 2 <7:52>
// CHECK-NEXT:      Named split <7:55>
// CHECK-NEXT:        Float 0.5 <7:62>
// CHECK-NEXT:  Model M <8:1>
// CHECK-NEXT:    Param x : f32[N, 4] <8:9>
// CHECK-NEXT:    Result f32[N, 2] <8:26>
// CHECK-NEXT:    Return <8:38>
// CHECK-NEXT:      Call <8:45>
// CHECK-NEXT:        Name dense <8:45>
// CHECK-NEXT:        Name x <8:51>
// CHECK-NEXT:        Int 2 <8:54>
// CHECK-NEXT:        Name softmax <8:57>
// CHECK-NEXT:  Train M <9:1>
// CHECK-NEXT:    On
// CHECK-NEXT:      Member .train <9:14>
// CHECK-NEXT:        Name d <9:12>
// CHECK-NEXT:    Assign optimizer <10:3>
// CHECK-NEXT:      Call <10:15>
// CHECK-NEXT:        Name sgd <10:15>
// CHECK-NEXT:        Named lr <10:19>
// CHECK-NEXT:          Float 1e-3 <10:23>
// CHECK-NEXT:        Named momentum <10:29>
// CHECK-NEXT:          Float 0.9 <10:39>
// CHECK-NEXT:    For x y <11:3>
// CHECK-NEXT:      In
// CHECK-NEXT:        Call <11:17>
// CHECK-NEXT:          Name batches <11:17>
// CHECK-NEXT:          Member .train <11:27>
// CHECK-NEXT:            Name d <11:25>
// CHECK-NEXT:          Int 4 <11:34>
// CHECK-NEXT:          Named shuffle <11:37>
// CHECK-NEXT:            Bool false <11:46>
// CHECK-NEXT:      Body
// CHECK-NEXT:        Step <12:5>
// CHECK-NEXT:          Call <12:10>
// CHECK-NEXT:            Name sparse_categorical_crossentropy <12:10>
// CHECK-NEXT:            Call <12:42>
// CHECK-NEXT:              Name M <12:42>
// CHECK-NEXT:              Name x <12:44>
// CHECK-NEXT:            Name y <12:48>
// CHECK-NEXT:            Named from_logits <12:51>
// CHECK-NEXT:              Bool false <12:64>
// CHECK-NEXT:    Log <14:3>
// CHECK-NEXT:      Int 42 <14:7>
// CHECK-NEXT:      Float 0.5 <14:11>
// CHECK-NEXT:      Float 2.5E+2 <14:16>
// CHECK-NEXT:      Float 7e2 <14:24>
// CHECK-NEXT:      Bool true <14:29>
// CHECK-NEXT:      Bool false <14:35>
// CHECK-NEXT:    Log <15:3>
// CHECK-NEXT:      String "tab\tnewline\nquote\"backslash\\" <15:7>
// CHECK-NEXT:    Log <16:3>
// CHECK-NEXT:      Call <16:7>
// CHECK-NEXT:        Name evaluate <16:7>
// CHECK-NEXT:        Named model <16:16>
// CHECK-NEXT:          Name M <16:23>
// CHECK-NEXT:        Named data <16:26>
// CHECK-NEXT:          Member .test <16:34>
// CHECK-NEXT:            Name d <16:32>
// CHECK-NEXT:        Named metrics <16:40>
// CHECK-NEXT:          List <16:49>
// CHECK-NEXT:            Name loss <16:50>
// CHECK-NEXT:            Name accuracy <16:56>
// CHECK-NOT:{{.}}
