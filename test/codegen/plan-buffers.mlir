// RUN: plexus-opt %s --plexus-plan-buffers | FileCheck %s

// %a and %b are live together: two slots. %c starts after %a's last use:
// it takes %a's slot. Their deallocations go; the runtime keeps the buffers.
// CHECK: func.func private @plx_buffer(index, index) -> memref<?xi8> attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @step
// CHECK: %[[A:.+]] = call @plx_buffer(%c0{{.*}}, %{{.+}})
// CHECK: memref.view %[[A]][%{{.+}}][%arg0] : memref<?xi8> to memref<?x500xf32>
// CHECK: %[[B:.+]] = call @plx_buffer(%c1{{.*}}, %{{.+}})
// CHECK: %[[C:.+]] = call @plx_buffer(%c0{{.*}}, %{{.+}})
// CHECK: memref.view %[[C]][%{{.+}}][] : memref<?xi8> to memref<64xf32>
// CHECK-NOT: memref.dealloc
// CHECK-NOT: memref.alloc
// CHECK: return
func.func @step(%n: index, %x: memref<?x500xf32>) {
  %a = memref.alloc(%n) {alignment = 64 : i64} : memref<?x500xf32>
  %b = memref.alloc(%n) {alignment = 64 : i64} : memref<?x500xf32>
  memref.copy %x, %a : memref<?x500xf32> to memref<?x500xf32>
  memref.copy %a, %b : memref<?x500xf32> to memref<?x500xf32>
  memref.dealloc %a : memref<?x500xf32>
  %c = memref.alloc() : memref<64xf32>
  %v = memref.subview %b[0, 0] [1, 64] [1, 1] : memref<?x500xf32> to memref<64xf32, strided<[1]>>
  memref.copy %v, %c : memref<64xf32, strided<[1]>> to memref<64xf32>
  memref.dealloc %b : memref<?x500xf32>
  memref.dealloc %c : memref<64xf32>
  return
}

// Private functions and allocations inside loops keep the heap.
// CHECK-LABEL: func.func private @helper
// CHECK: memref.alloc
func.func private @helper() {
  %a = memref.alloc() : memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  return
}

// Masked accesses (the last vector of a dynamic length) and prefetches
// (packing's, 16 K rows ahead) are plain uses: the buffer gets a slot.
// CHECK-LABEL: func.func @masked_and_prefetched
// CHECK-NOT: memref.alloc
// CHECK: call @plx_buffer
// CHECK-NOT: memref.alloc
// CHECK: return
func.func @masked_and_prefetched(%n: index, %m: vector<16xi1>,
                                 %v: vector<16xf32>) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %a = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  vector.maskedstore %a[%c0], %m, %v : memref<?xf32>, vector<16xi1>, vector<16xf32>
  memref.prefetch %a[%c0], read, locality<3>, data : memref<?xf32>
  %r = vector.maskedload %a[%c0], %m, %v : memref<?xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
  memref.dealloc %a : memref<?xf32>
  return %r : vector<16xf32>
}
