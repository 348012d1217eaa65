// RUN: plexus-opt %s --plexus-approximate-math | FileCheck %s

// exp, log, tanh and erf become arithmetic (no libdevice calls later);
// powf is expanded first; sqrt stays (x86-64 and NVPTX have instructions).
// CHECK-LABEL: func.func @functions
// CHECK-NOT: math.exp
// CHECK-NOT: math.log
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK-NOT: math.powf
// CHECK: math.sqrt
// CHECK-NOT: math.exp
func.func @functions(%x: f32, %y: f32) -> (f32, f32, f32, f32, f32, f32) {
  %0 = math.exp %x : f32
  %1 = math.log %x : f32
  %2 = math.tanh %x : f32
  %3 = math.erf %x : f32
  %4 = math.powf %x, %y : f32
  %5 = math.sqrt %x : f32
  return %0, %1, %2, %3, %4, %5 : f32, f32, f32, f32, f32, f32
}
