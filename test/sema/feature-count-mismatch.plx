// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The model's input width must be the data's number of features.
data flowers = csv("Inputs/numbers.csv", label: last)
model Net(x: f32[N, 5]) -> f32[N, 3] { return dense(x, 3, softmax) }
train Net on flowers {
  optimizer = adam
}

// CHECK:{{.*}}feature-count-mismatch.plx:7:14: error: model 'Net' takes inputs of shape f32[N, 5] but data set 'flowers' has 4 features per sample
// CHECK-NEXT:train Net on flowers {
// CHECK-NEXT:             ^~~~~~~
// CHECK-NEXT:{{.*}}feature-count-mismatch.plx:6:14: note: model input declared here
// CHECK-NEXT:model Net(x: f32[N, 5]) -> f32[N, 3] { return dense(x, 3, softmax) }
// CHECK-NEXT:             ^~~~~~~~~
// CHECK-NEXT:{{.*}}feature-count-mismatch.plx:5:1: note: data set declared here
// CHECK-NEXT:data flowers = csv("Inputs/numbers.csv", label: last)
// CHECK-NEXT:^~~~
// CHECK-NEXT:1 error generated.
