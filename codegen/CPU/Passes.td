//===- Passes.td - CPU code generation passes --------------*- tablegen -*-===//

#ifndef PLEXUS_CPU_PASSES
#define PLEXUS_CPU_PASSES

include "mlir/Pass/PassBase.td"

def ContractionMicrokernels
    : Pass<"plexus-contraction-microkernels", "mlir::ModuleOp"> {
  let summary = "Register-tiled, packed AVX-512 kernels for matmuls and "
                "convolutions";
  let description = [{
    Runs on buffers, before convert-linalg-to-parallel-loops. Every f32
    contraction whose payload is `out + a * b` - a matmul in any
    transposition, a convolution or either of its gradients (implicit
    GEMMs) - becomes loops around a register micro-kernel: tiles of up to
    12 rows (the flattened M dims) by 32 columns (the innermost output dim)
    accumulate in 16-lane vectors across the whole K loop nest, one
    broadcast M-side element and two N-side vectors per step. The N side is
    packed into contiguous [K][32] panels per column tile when it is not
    contiguous along the columns, or when it is large and the rows are many
    (at run time for a dynamic batch, or once at the function's
    `plexus.batch_hint`: BatchHint.h). A small batch that reads the N side
    in place goes one row at a time across tiles of 8 vectors (128
    columns), whose independent FMA chains hide the FMA latency (W2's
    batch-1 forward pass: 84 to 37 us). A zero fill of the output right
    before the contraction (nothing touching the buffer in between) is
    dropped and the accumulators start at zero; such a tile then prefetches
    its output lines for writing before its K loop, so that its stores do
    not wait on memory. The column-tile loop, or
    the row-tile loop when there are fewer than four column tiles, is
    tagged `plexus.parallel` for plexus-parallelize-loops. An output of
    fewer than four tiles with a K nest of at least 8,192 steps at the
    batch hint (the filter gradient of a convolution on one channel) is
    instead split along its outermost K loop into 8 parts, the parallel
    loop, each into a slice of a scratch buffer; the slices are summed into
    the output in order. Packing prefetches the N side 16 K steps ahead.
    When the N side is a static view of a `plexus.versioned` argument (the
    weights, in plx_evaluate), its panels live in a module global and are
    packed again only when the runtime's weights version
    (`plx_params_version()`), the address or the offset differs from the
    ones they were packed from (PanelCache.h): predictions and validation
    stop repacking the weights at every call. A module pass for that.
    Other payloads and element types stay linalg ops (loops).
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect"];
}

def FuseElementwise : Pass<"plexus-fuse-elementwise", "mlir::func::FuncOp"> {
  let summary = "Elementwise fusion that never recomputes a producer";
  let description = [{
    linalg-fuse-elementwise-ops, restricted to the fusions that keep the
    work: a producer is fused into a consumer only where every iteration of
    the consumer reads a different element of it (the consumer's indexing
    map for it is a permutation of all its loops). Bias additions,
    activations, loss terms and optimizer updates still fuse into single
    passes over memory; what no longer fuses is an activation into the
    matmul that reads it, where it would be recomputed for every output
    column (512 times per element in a 512-wide layer) and would keep the
    matmul from its tiled kernel.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::affine::AffineDialect"];
}

def LowerStridedCopies
    : Pass<"plexus-lower-strided-copies", "mlir::func::FuncOp"> {
  let summary = "Turns copies between non-contiguous memrefs into loops";
  let description = [{
    Bufferization copies strided tensor slices (the spread gradients of
    convolution and pooling) with `memref.copy`, whose LLVM lowering calls
    `memrefCopy` from MLIR's runner-utils library when either side is not
    contiguous. Generated programs link no such library: this pass rewrites
    those copies as `linalg.copy`, which becomes loops. Contiguous copies
    stay `memref.copy` (a memcpy).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def VectorizeElementwise
    : Pass<"plexus-vectorize-elementwise", "mlir::func::FuncOp"> {
  let summary = "Runs the innermost dim of elementwise linalg ops on 16-lane "
                "vectors";
  let description = [{
    Runs on buffers, after plexus-contraction-microkernels (which takes the
    contractions) and before convert-linalg-to-parallel-loops (which takes
    what is left). A linalg op whose innermost loop dim is parallel, whose
    f32 operands are each either contiguous along that dim (it is their
    last index, unit stride) or independent of it (broadcast), and whose
    payload is lane-wise arith and math ops (fills included) becomes loops
    around 16-lane vector loads, the payload on vectors, and vector stores;
    a dim that is not a multiple of 16 is masked. The other parallel dims
    form one `scf.parallel` (for plexus-parallelize-loops) around the vector
    loop, which is itself the parallel loop when there are none (a bias
    gradient's columns); reduction dims (the windows of a pooling, the
    batch of a bias gradient) are loops inside it, in their order, that
    carry the outputs in registers: one load and one store per output
    vector, and the same sums as before. A sum into at most 8 vectors over
    at least 4,096 steps at the batch hint (a convolution's bias gradient:
    32 channels over batch x 28 x 28) is cut instead into 8 parts of its
    outermost reduction loop, an `scf.parallel`, each sweeping its part
    once for all the vectors into a row of a scratch buffer, whose rows are
    then added to the output in order (the result does not depend on the
    number of threads).

    LLVM's loop vectorizer does not do this itself for most of these loops:
    the temporaries come from runtime calls that may alias, and loops of 32
    or 64 channels are fully unrolled before it runs, leaving scalar code
    (max pooling ran at 1 ns per element, with llvm.maximum's NaN checks
    per element).

    ```mlir
    // relu(x + bias) over [?, 512]:
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      scf.for %j = %c0 to %c512 step %c16 {
        %x = vector.load %in[%i, %j] : memref<?x512xf32>, vector<16xf32>
        %b = vector.load %bias[%j] : memref<512xf32>, vector<16xf32>
        ...
        vector.store %y, %out[%i, %j] : memref<?x512xf32>, vector<16xf32>
      }
    }
    ```
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def OptionalOutputs : Pass<"plexus-optional-outputs", "mlir::func::FuncOp"> {
  let summary = "Computes an output the caller may leave out only when "
                "it is wanted";
  let description = [{
    Runs on tensors, before bufferization. A function argument marked
    `plexus.optional` (plx_evaluate's loss: the runtime's predictions and
    `latency` pass a null buffer, as they want the outputs only) is written
    under `scf.if` its buffer's address is not null, and the work that only
    that write uses - side-effect-free ops whose every use ends up inside -
    moves into the `scf.if` (MLIR's controlFlowSink). W5's 1024-class
    matmul model computed a cross-entropy over 1024 x 1024 logits per
    prediction: 2.4% of its time.

    ```mlir
    %p = memref.extract_aligned_pointer_as_index %loss : memref<f32> -> index
    %wanted = arith.cmpi ne, %p, %c0 : index
    scf.if %wanted {
      ... the loss ...
      bufferization.materialize_in_destination %l in restrict writable %loss
    }
    ```
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def ParallelizeLoops : Pass<"plexus-parallelize-loops", "mlir::func::FuncOp"> {
  let summary = "Chooses the loop nests that run on threads";
  let description = [{
    Runs after bufferization and convert-linalg-to-parallel-loops. A loop
    nest goes to threads (stays `scf.parallel`, which convert-scf-to-openmp
    turns into an OpenMP worksharing loop) when it is outermost in its
    function and its estimated work - iterations times the operations of
    its body, vector operations counting their lanes - reaches `threshold`:
    below that, forking threads costs more than it saves. Work that depends
    on the batch size is decided at run time (both versions are compiled),
    except in a function with a `plexus.batch_hint` (plx_train_step), where
    it is decided at that batch size (BatchHint.h).
    Every other `scf.parallel` becomes sequential `scf.for` loops. The
    register-tiled contractions' tile loops (`scf.for` tagged `plexus.parallel` by
    plexus-contraction-microkernels) are parallel loops too; those also
    tagged `plexus.streaming` (a small batch's matmul, which reads the
    weights once and is bound by memory) go to threads at a quarter of the
    threshold (W2's batch-1 forward pass: 37 to 22 us on two threads). A
    multi-dim nest on threads keeps its innermost dim as an `scf.for`
    (LLVM vectorizes it; OpenMP would collapse it into the others).
  }];
  let options = [
    Option<"threshold", "threshold", "int64_t", "32768",
           "Estimated operations below which a loop nest stays sequential">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
}

def PlanBuffers : Pass<"plexus-plan-buffers", "mlir::ModuleOp"> {
  let summary = "A static memory plan for the entry points' temporaries";
  let description = [{
    Runs after bufferization and deallocation. In each public function, the
    temporaries allocated at the top level (activations, gradients,
    optimizer intermediates: everything but per-iteration scratch) get a
    slot of a plan instead of a heap allocation: a linear scan over their
    live ranges (from the allocation to the last use of the buffer or of
    any view of it, in program order) gives buffers whose lives do not
    overlap the same slot; a buffer with a use the plan does not understand
    (a call, a loop result) keeps the heap. At run time each slot
    is a buffer of the runtime (`plx_buffer(slot, bytes)`), grown when a
    larger batch needs it and kept across calls: in the steady state a step
    allocates nothing. Their deallocations are dropped.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // PLEXUS_CPU_PASSES
