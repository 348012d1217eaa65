// RUN: plexc --emit=ast %s > %t
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// 'evaluate' without a block, with ';', with a block; 'predict' to standard
// output and to a file (the name is printed escaped).
data d = random(samples: 10, features: 4, classes: 2, split: 0.5)
model M(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2, softmax) }
train M on d.train { optimizer = adam }
evaluate M on d.test
evaluate M on d;
evaluate M on d.train { metrics = [loss, accuracy] batch = 64 }
predict M on d.test
predict M on d -> "out\tput.csv";

// CHECK:Program
// CHECK-NEXT:  Data d <6:1>
// CHECK-NEXT:    Call <6:10>
// CHECK-NEXT:      Name random <6:10>
// CHECK-NEXT:      Named samples <6:17>
// CHECK-NEXT:        Int 10 <6:26>
// CHECK-NEXT:      Named features <6:30>
// CHECK-NEXT:        Int 4 <6:40>
// CHECK-NEXT:      Named classes <6:43>
// CHECK-NEXT:        Int 2 <6:52>
// CHECK-NEXT:      Named split <6:55>
// CHECK-NEXT:        Float 0.5 <6:62>
// CHECK-NEXT:  Model M <7:1>
// CHECK-NEXT:    Param x : f32[N, 4] <7:9>
// CHECK-NEXT:    Result f32[N, 2] <7:26>
// CHECK-NEXT:    Return <7:38>
// CHECK-NEXT:      Call <7:45>
// CHECK-NEXT:        Name dense <7:45>
// CHECK-NEXT:        Name x <7:51>
// CHECK-NEXT:        Int 2 <7:54>
// CHECK-NEXT:        Name softmax <7:57>
// CHECK-NEXT:  Train M <8:1>
// CHECK-NEXT:    On
// CHECK-NEXT:      Member .train <8:14>
// CHECK-NEXT:        Name d <8:12>
// CHECK-NEXT:    Assign optimizer <8:22>
// CHECK-NEXT:      Name adam <8:34>
// CHECK-NEXT:  Evaluate M <9:1>
// CHECK-NEXT:    On
// CHECK-NEXT:      Member .test <9:17>
// CHECK-NEXT:        Name d <9:15>
// CHECK-NEXT:  Evaluate M <10:1>
// CHECK-NEXT:    On
// CHECK-NEXT:      Name d <10:15>
// CHECK-NEXT:  Evaluate M <11:1>
// CHECK-NEXT:    On
// CHECK-NEXT:      Member .train <11:17>
// CHECK-NEXT:        Name d <11:15>
// CHECK-NEXT:    Assign metrics <11:25>
// CHECK-NEXT:      List <11:35>
// CHECK-NEXT:        Name loss <11:36>
// CHECK-NEXT:        Name accuracy <11:42>
// CHECK-NEXT:    Assign batch <11:52>
// CHECK-NEXT:      Int 64 <11:60>
// CHECK-NEXT:  Predict M <12:1>
// CHECK-NEXT:    On
// CHECK-NEXT:      Member .test <12:16>
// CHECK-NEXT:        Name d <12:14>
// CHECK-NEXT:  Predict M <13:1> -> "out\tput.csv"
// CHECK-NEXT:    On
// CHECK-NEXT:      Name d <13:14>
// CHECK-NOT:{{.}}
