// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// dense takes at most three positional arguments; one error for the call,
// with the parameters it takes.
model M(x: f32[N, 4]) -> f32[N, 4] {
  return dense(x, 4, relu, true, 0.5)
}

// CHECK:{{.*}}dense-too-many-args.plx:7:28: error: too many positional arguments to 'dense': expected at most 3
// CHECK-NEXT:  return dense(x, 4, relu, true, 0.5)
// CHECK-NEXT:                           ^~~~
// CHECK-NEXT:{{.*}}dense-too-many-args.plx:7:10: note: 'dense' takes: input, units, activation, bias
// CHECK-NEXT:  return dense(x, 4, relu, true, 0.5)
// CHECK-NEXT:         ^~~~~
// CHECK-NEXT:1 error generated.
