// RUN: plexc --emit=ast %s > %t
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Every operator, and precedence from tightest to loosest: member and
// call, '^' (right associative), unary '-' and 'not', '* / %', '+ -', '..',
// comparisons, 'and', 'or'. Binary nodes are located at their operator.
data d = random(samples: 10, features: 4, classes: 2, split: 0.5)
model M(x: f32[N, 4]) -> f32[N, 2] { return dense(x, 2, softmax) }
train M on d.train {
  optimizer = sgd
  for i in 1 + 1..2 * 3 {
    for (x, y) in batches(d.train, 4) {
      step mse(M(x), y)
    }
    log 1 + 2, 3 - 4, 5 * 6, 7 / 8, 9 % 4, 2 ^ 3
    log 1 < 2, 1 <= 2, 1 > 2, 1 >= 2, 1 == 2, 1 != 2
    log true and false, true or false, not true, -i
    log 1 + 2 * 3 ^ 2 ^ i
    log -2 ^ 2, 1 - 2 - 3, 8 / 4 / 2, (1 + 2) * 3
    log i < 2 and i > 0 or not false
  }
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
// CHECK-NEXT:      Name sgd <10:15>
// CHECK-NEXT:    For i <11:3>
// CHECK-NEXT:      In
// CHECK-NEXT:        Binary .. <11:17>
// CHECK-NEXT:          Binary + <11:14>
// CHECK-NEXT:            Int 1 <11:12>
// CHECK-NEXT:            Int 1 <11:16>
// CHECK-NEXT:          Binary * <11:21>
// CHECK-NEXT:            Int 2 <11:19>
// CHECK-NEXT:            Int 3 <11:23>
// CHECK-NEXT:      Body
// CHECK-NEXT:        For x y <12:5>
// CHECK-NEXT:          In
// CHECK-NEXT:            Call <12:19>
// CHECK-NEXT:              Name batches <12:19>
// CHECK-NEXT:              Member .train <12:29>
// CHECK-NEXT:                Name d <12:27>
// CHECK-NEXT:              Int 4 <12:36>
// CHECK-NEXT:          Body
// CHECK-NEXT:            Step <13:7>
// CHECK-NEXT:              Call <13:12>
// CHECK-NEXT:                Name mse <13:12>
// CHECK-NEXT:                Call <13:16>
// CHECK-NEXT:                  Name M <13:16>
// CHECK-NEXT:                  Name x <13:18>
// CHECK-NEXT:                Name y <13:22>
// CHECK-NEXT:        Log <15:5>
// CHECK-NEXT:          Binary + <15:11>
// CHECK-NEXT:            Int 1 <15:9>
// CHECK-NEXT:            Int 2 <15:13>
// CHECK-NEXT:          Binary - <15:18>
// CHECK-NEXT:            Int 3 <15:16>
// CHECK-NEXT:            Int 4 <15:20>
// CHECK-NEXT:          Binary * <15:25>
// CHECK-NEXT:            Int 5 <15:23>
// CHECK-NEXT:            Int 6 <15:27>
// CHECK-NEXT:          Binary / <15:32>
// CHECK-NEXT:            Int 7 <15:30>
// CHECK-NEXT:            Int 8 <15:34>
// CHECK-NEXT:          Binary % <15:39>
// CHECK-NEXT:            Int 9 <15:37>
// CHECK-NEXT:            Int 4 <15:41>
// CHECK-NEXT:          Binary ^ <15:46>
// CHECK-NEXT:            Int 2 <15:44>
// CHECK-NEXT:            Int 3 <15:48>
// CHECK-NEXT:        Log <16:5>
// CHECK-NEXT:          Binary < <16:11>
// CHECK-NEXT:            Int 1 <16:9>
// CHECK-NEXT:            Int 2 <16:13>
// CHECK-NEXT:          Binary <= <16:18>
// CHECK-NEXT:            Int 1 <16:16>
// CHECK-NEXT:            Int 2 <16:21>
// CHECK-NEXT:          Binary > <16:26>
// CHECK-NEXT:            Int 1 <16:24>
// CHECK-NEXT:            Int 2 <16:28>
// CHECK-NEXT:          Binary >= <16:33>
// CHECK-NEXT:            Int 1 <16:31>
// CHECK-NEXT:            Int 2 <16:36>
// CHECK-NEXT:          Binary == <16:41>
// CHECK-NEXT:            Int 1 <16:39>
// CHECK-NEXT:            Int 2 <16:44>
// CHECK-NEXT:          Binary != <16:49>
// CHECK-NEXT:            Int 1 <16:47>
// CHECK-NEXT:            Int 2 <16:52>
// CHECK-NEXT:        Log <17:5>
// CHECK-NEXT:          Binary and <17:14>
// CHECK-NEXT:            Bool true <17:9>
// CHECK-NEXT:            Bool false <17:18>
// CHECK-NEXT:          Binary or <17:30>
// CHECK-NEXT:            Bool true <17:25>
// CHECK-NEXT:            Bool false <17:33>
// CHECK-NEXT:          Unary not <17:40>
// CHECK-NEXT:            Bool true <17:44>
// CHECK-NEXT:          Unary - <17:50>
// CHECK-NEXT:            Name i <17:51>
// CHECK-NEXT:        Log <18:5>
// CHECK-NEXT:          Binary + <18:11>
// CHECK-NEXT:            Int 1 <18:9>
// CHECK-NEXT:            Binary * <18:15>
// CHECK-NEXT:              Int 2 <18:13>
// CHECK-NEXT:              Binary ^ <18:19>
// CHECK-NEXT:                Int 3 <18:17>
// CHECK-NEXT:                Binary ^ <18:23>
// CHECK-NEXT:                  Int 2 <18:21>
// CHECK-NEXT:                  Name i <18:25>
// CHECK-NEXT:        Log <19:5>
// CHECK-NEXT:          Unary - <19:9>
// CHECK-NEXT:            Binary ^ <19:12>
// CHECK-NEXT:              Int 2 <19:10>
// CHECK-NEXT:              Int 2 <19:14>
// CHECK-NEXT:          Binary - <19:23>
// CHECK-NEXT:            Binary - <19:19>
// CHECK-NEXT:              Int 1 <19:17>
// CHECK-NEXT:              Int 2 <19:21>
// CHECK-NEXT:            Int 3 <19:25>
// CHECK-NEXT:          Binary / <19:34>
// CHECK-NEXT:            Binary / <19:30>
// CHECK-NEXT:              Int 8 <19:28>
// CHECK-NEXT:              Int 4 <19:32>
// CHECK-NEXT:            Int 2 <19:36>
// CHECK-NEXT:          Binary * <19:47>
// CHECK-NEXT:            Binary + <19:42>
// CHECK-NEXT:              Int 1 <19:40>
// CHECK-NEXT:              Int 2 <19:44>
// CHECK-NEXT:            Int 3 <19:49>
// CHECK-NEXT:        Log <20:5>
// CHECK-NEXT:          Binary or <20:25>
// CHECK-NEXT:            Binary and <20:15>
// CHECK-NEXT:              Binary < <20:11>
// CHECK-NEXT:                Name i <20:9>
// CHECK-NEXT:                Int 2 <20:13>
// CHECK-NEXT:              Binary > <20:21>
// CHECK-NEXT:                Name i <20:19>
// CHECK-NEXT:                Int 0 <20:23>
// CHECK-NEXT:            Unary not <20:28>
// CHECK-NEXT:              Bool false <20:32>
// CHECK-NOT:{{.}}
