// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// Activations are names from a fixed set; a later use of the value is not
// another error.
model M(x: f32[N, 4]) -> f32[N, 4] {
  h = dense(x, 8, rellu)
  return dense(h, 4, "softmax")
}

// CHECK:{{.*}}dense-bad-activation.plx:7:19: error: unknown value 'rellu' for argument 'activation' of 'dense'; expected one of 'gelu', 'log_softmax', 'relu', 'round', 'sigmoid', 'silu', 'softmax', 'tanh', 'linear'
// CHECK-NEXT:  h = dense(x, 8, rellu)
// CHECK-NEXT:                  ^~~~~
// CHECK-NEXT:{{.*}}dense-bad-activation.plx:7:19: help: did you mean 'relu'?
// CHECK-NEXT:  h = dense(x, 8, rellu)
// CHECK-NEXT:                  ^~~~~
// CHECK-NEXT:                  relu
// CHECK-NEXT:{{.*}}dense-bad-activation.plx:8:22: error: argument 'activation' of 'dense' must be one of 'gelu', 'log_softmax', 'relu', 'round', 'sigmoid', 'silu', 'softmax', 'tanh', 'linear', found a string
// CHECK-NEXT:  return dense(h, 4, "softmax")
// CHECK-NEXT:                     ^~~~~~~~~
// CHECK-NEXT:{{.*}}dense-bad-activation.plx:8:22: help: write the name without quotes
// CHECK-NEXT:  return dense(h, 4, "softmax")
// CHECK-NEXT:                     ^~~~~~~~~
// CHECK-NEXT:                     softmax
// CHECK-NEXT:2 errors generated.
