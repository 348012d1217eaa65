// RUN: plexc --emit=ast %s > %t
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Every statement: assignments to a name and to a field, 'return', 'for'
// over a range (one variable) and over batches (a tuple), 'if' / 'else if' /
// 'else', 'step', 'log' with several values, 'save'. An optional ';' ends a
// statement.
data d = random(samples: 10, features: 4, classes: 2, split: 0.5)
model M(x: f32[N, 4]) -> f32[N, 2] {
  h = dense(x, 8, relu);
  return dense(h, 2, softmax);
}
train M on d.train {
  optimizer = sgd(lr: 0.1);
  for epoch in 1..10 {
    optimizer.lr = 0.1 / epoch;
    best = epoch > 5
    for (x, y) in batches(d.train, 4) { step cross_entropy(M(x), y); }
    if epoch == 1 {
      log "first"
    } else if epoch % 2 == 0 {
      log "even", epoch, best;
    } else {
      save "checkpoint.safetensors";
    }
  }
}

// CHECK:Program
// CHECK-NEXT:  Data d <8:1>
// CHECK-NEXT:    Call <8:10>
// CHECK-NEXT:      Name random <8:10>
// CHECK-NEXT:      Named samples <8:17>
// CHECK-NEXT:        Int 10 <8:26>
// CHECK-NEXT:      Named features <8:30>
// CHECK-NEXT:        Int 4 <8:40>
// CHECK-NEXT:      Named classes <8:43>
// CHECK-NEXT:        Int 2 <8:52>
// CHECK-NEXT:      Named split <8:55>
// CHECK-NEXT:        Float 0.5 <8:62>
// CHECK-NEXT:  Model M <9:1>
// CHECK-NEXT:    Param x : f32[N, 4] <9:9>
// CHECK-NEXT:    Result f32[N, 2] <9:26>
// CHECK-NEXT:    Assign h <10:3>
// CHECK-NEXT:      Call <10:7>
// CHECK-NEXT:        Name dense <10:7>
// CHECK-NEXT:        Name x <10:13>
// CHECK-NEXT:        Int 8 <10:16>
// CHECK-NEXT:        Name relu <10:19>
// CHECK-NEXT:    Return <11:3>
// CHECK-NEXT:      Call <11:10>
// CHECK-NEXT:        Name dense <11:10>
// CHECK-NEXT:        Name h <11:16>
// CHECK-NEXT:        Int 2 <11:19>
// CHECK-NEXT:        Name softmax <11:22>
// CHECK-NEXT:  Train M <13:1>
// CHECK-NEXT:    On
// CHECK-NEXT:      Member .train <13:14>
// CHECK-NEXT:        Name d <13:12>
// CHECK-NEXT:    Assign optimizer <14:3>
// CHECK-NEXT:      Call <14:15>
// CHECK-NEXT:        Name sgd <14:15>
// CHECK-NEXT:        Named lr <14:19>
// CHECK-NEXT:          Float 0.1 <14:23>
// CHECK-NEXT:    For epoch <15:3>
// CHECK-NEXT:      In
// CHECK-NEXT:        Binary .. <15:17>
// CHECK-NEXT:          Int 1 <15:16>
// CHECK-NEXT:          Int 10 <15:19>
// CHECK-NEXT:      Body
// CHECK-NEXT:        Assign optimizer.lr <16:5>
// CHECK-NEXT:          Binary / <16:24>
// CHECK-NEXT:            Float 0.1 <16:20>
// CHECK-NEXT:            Name epoch <16:26>
// CHECK-NEXT:        Assign best <17:5>
// CHECK-NEXT:          Binary > <17:18>
// CHECK-NEXT:            Name epoch <17:12>
// CHECK-NEXT:            Int 5 <17:20>
// CHECK-NEXT:        For x y <18:5>
// CHECK-NEXT:          In
// CHECK-NEXT:            Call <18:19>
// CHECK-NEXT:              Name batches <18:19>
// CHECK-NEXT:              Member .train <18:29>
// CHECK-NEXT:                Name d <18:27>
// CHECK-NEXT:              Int 4 <18:36>
// CHECK-NEXT:          Body
// CHECK-NEXT:            Step <18:41>
// CHECK-NEXT:              Call <18:46>
// CHECK-NEXT:                Name cross_entropy <18:46>
// CHECK-NEXT:                Call <18:60>
// CHECK-NEXT:                  Name M <18:60>
// CHECK-NEXT:                  Name x <18:62>
// CHECK-NEXT:                Name y <18:66>
// CHECK-NEXT:        If <19:5>
// CHECK-NEXT:          Binary == <19:14>
// CHECK-NEXT:            Name epoch <19:8>
// CHECK-NEXT:            Int 1 <19:17>
// CHECK-NEXT:          Then
// CHECK-NEXT:            Log <20:7>
// CHECK-NEXT:              String "first" <20:11>
// CHECK-NEXT:          Else
// CHECK-NEXT:            If <21:12>
// CHECK-NEXT:              Binary == <21:25>
// CHECK-NEXT:                Binary % <21:21>
// CHECK-NEXT:                  Name epoch <21:15>
// CHECK-NEXT:                  Int 2 <21:23>
// CHECK-NEXT:                Int 0 <21:28>
// CHECK-NEXT:              Then
// CHECK-NEXT:                Log <22:7>
// CHECK-NEXT:                  String "even" <22:11>
// CHECK-NEXT:                  Name epoch <22:19>
// CHECK-NEXT:                  Name best <22:26>
// CHECK-NEXT:              Else
// CHECK-NEXT:                Save <24:7>
// CHECK-NEXT:                  String "checkpoint.safetensors" <24:12>
// CHECK-NOT:{{.}}
