//===- ContractionKernels.cpp - Shared-memory tiled contractions ----------===//
//
// Every contraction (codegen/Kernels/Contraction.h) becomes one kernel.
//
// Each block of 16x16 threads computes a 64x64 tile of the output, each
// thread a 4x4 micro-tile whose rows and columns are 16 apart, so that a
// warp's stores of C are coalesced. The K dims advance 16 at a time: the
// threads stage the 64x16 slice of every M-side input and the 16x64 slice of
// every N-side input in workgroup memory (out-of-range elements as zero,
// which the compute loop never reads), synchronize, and accumulate 16 rank-1
// updates of the micro-tile in registers. Inputs that index only K dims
// (fused biases) are read from global memory. The op's payload is cloned
// per element, so producers fused by linalg-fuse-elementwise-ops are
// recomputed in the kernel rather than stored.
//
//===----------------------------------------------------------------------===//

#include "codegen/GPU/KernelBuilders.h"
#include "codegen/Kernels/Contraction.h"
#include "codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace plexus {
#define GEN_PASS_DEF_CONTRACTIONKERNELS
#include "codegen/GPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;
using namespace plexus::kernels;

namespace {

constexpr int64_t kDepth = 16; // K elements staged per step

/// The block's shape: `tile` x `tile` outputs, `threadsPerDim` squared
/// threads, each with `perThread` squared outputs.
struct Geometry {
  int64_t tile, threadsPerDim, perThread, threads;
  Geometry(int64_t tile, int64_t threadsPerDim)
      : tile(tile), threadsPerDim(threadsPerDim),
        perThread(tile / threadsPerDim),
        threads(threadsPerDim * threadsPerDim) {}
};

/// `then()` if `cond`, else zero of `type`.
Value ifElseZero(OpBuilder &b, Location loc, Value cond, Type type,
                 llvm::function_ref<Value(OpBuilder &)> then) {
  auto ifOp = scf::IfOp::create(b, loc, TypeRange{type}, cond, true);
  OpBuilder inner = OpBuilder::atBlockBegin(ifOp.thenBlock());
  scf::YieldOp::create(inner, loc, then(inner));
  inner.setInsertionPointToStart(ifOp.elseBlock());
  scf::YieldOp::create(inner, loc,
                       Value(arith::ConstantOp::create(
                           inner, loc, type, inner.getZeroAttr(type))));
  return ifOp.getResult(0);
}

class KernelBuilder {
public:
  KernelBuilder(IRRewriter &b, linalg::LinalgOp op, const Contraction &c,
                Geometry g)
      : b(b), op(op), c(c), g(g), loc(op.getLoc()) {}

  void build() {
    b.setInsertionPoint(op);
    SmallVector<Value> sizes = loopSizes(b, op);
    auto sizesOf = [&](ArrayRef<unsigned> dims) {
      SmallVector<Value> result;
      for (unsigned d : dims)
        result.push_back(sizes[d]);
      return result;
    };
    mSizes = sizesOf(c.mDims);
    nSizes = sizesOf(c.nDims);
    kSizes = sizesOf(c.kDims);
    M = product(b, loc, mSizes);
    N = product(b, loc, nSizes);
    K = product(b, loc, kSizes);
    Value tile = constant(g.tile);
    // Row tiles in x, which allows 2^31 - 1 blocks (y allows 65535): M is
    // the batch (times the output pixels, for convolutions).
    launch = createLaunch(b, loc, arith::CeilDivUIOp::create(b, loc, M, tile),
                          arith::CeilDivUIOp::create(b, loc, N, tile),
                          g.threadsPerDim, g.threadsPerDim);
    for (auto [input, side] : llvm::zip(op.getDpsInputOperands(), c.sides)) {
      if (side == Side::K) {
        staged.push_back(nullptr);
        continue;
      }
      auto space = mlir::gpu::AddressSpaceAttr::get(
          b.getContext(), mlir::gpu::AddressSpace::Workgroup);
      auto type = MemRefType::get({kDepth, g.tile},
                                  getElementTypeOrSelf(input->get().getType()),
                                  AffineMap(), space);
      staged.push_back(launch.addWorkgroupAttribution(type, loc));
    }

    Value tx = launch.getThreadIds().x, ty = launch.getThreadIds().y;
    tid = add(mul(ty, constant(g.threadsPerDim)), tx);
    m0 = mul(launch.getBlockIds().x, tile);
    n0 = mul(launch.getBlockIds().y, tile);
    for (int64_t i = 0; i < g.perThread; ++i) {
      Value offset = constant(i * g.threadsPerDim);
      Value row = add(m0, add(ty, offset)), col = add(n0, add(tx, offset));
      rowValid.push_back(less(row, M));
      colValid.push_back(less(col, N));
      rowIndices.push_back(delinearize(b, loc, row, mSizes));
      colIndices.push_back(delinearize(b, loc, col, nSizes));
      rowLocal.push_back(add(ty, offset));
      colLocal.push_back(add(tx, offset));
    }

    OpOperand &init = *op.getDpsInitOperand(0);
    Type accType = getElementTypeOrSelf(init.get().getType());
    SmallVector<Value> acc;
    forEachElement([&](int64_t i, int64_t j) {
      acc.push_back(
          ifElseZero(b, loc, valid(i, j), accType, [&](OpBuilder &ib) {
            return loadOperand(ib, loc, op, init, ivs(i, j, {}));
          }));
    });

    auto outer = scf::ForOp::create(
        b, loc, constant(0), K, constant(kDepth), acc,
        [&](OpBuilder &nested, Location, Value k0, ValueRange carried) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nested.getInsertionBlock(),
                              nested.getInsertionPoint());
          scf::YieldOp::create(b, loc, stepK(k0, carried));
        });
    forEachElement([&](int64_t i, int64_t j) {
      auto ifOp = scf::IfOp::create(b, loc, valid(i, j), false);
      OpBuilder inner = OpBuilder::atBlockBegin(ifOp.thenBlock());
      storeOperand(inner, loc, op, init, outer.getResult(i * g.perThread + j),
                   ivs(i, j, {}));
    });
    b.eraseOp(op);
  }

private:
  /// One 16-deep step of K from `k0`: stage, accumulate; returns the new
  /// accumulators.
  SmallVector<Value> stepK(Value k0, ValueRange acc) {
    for (auto [input, side, buffer] :
         llvm::zip(op.getDpsInputOperands(), c.sides, staged))
      if (buffer)
        stage(*input, side, buffer, k0);
    mlir::gpu::BarrierOp::create(b, loc);
    Value depth = arith::MinUIOp::create(b, loc, constant(kDepth),
                                         arith::SubIOp::create(b, loc, K, k0));
    auto inner = scf::ForOp::create(
        b, loc, constant(0), depth, constant(1), acc,
        [&](OpBuilder &nested, Location, Value kk, ValueRange carried) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nested.getInsertionBlock(),
                              nested.getInsertionPoint());
          scf::YieldOp::create(b, loc, accumulate(add(k0, kk), kk, carried));
        });
    mlir::gpu::BarrierOp::create(b, loc);
    return llvm::to_vector_of<Value>(inner.getResults());
  }

  /// Copies the slice [k0, k0 + 16) of `input` for this block's rows (M
  /// side) or columns (N side) into `buffer` (K x 64).
  void stage(OpOperand &input, Side side, Value buffer, Value k0) {
    AffineMap map = op.getMatchingIndexingMap(&input);
    // Let neighbouring threads read neighbouring elements: K fastest when
    // the input's innermost index is a K dim.
    bool kInnermost = llvm::any_of(c.kDims, [&](unsigned d) {
      return map.getResult(map.getNumResults() - 1).isFunctionOfDim(d);
    });
    Value base = side == Side::M ? m0 : n0;
    Value extent = side == Side::M ? M : N;
    ArrayRef<Value> extentSizes = side == Side::M ? mSizes : nSizes;
    ArrayRef<unsigned> extentDims = side == Side::M ? c.mDims : c.nDims;
    Type type = getElementTypeOrSelf(input.get().getType());
    for (int64_t q = 0; q < kDepth * g.tile / g.threads; ++q) {
      Value e = add(tid, constant(q * g.threads));
      Value kLocal = kInnermost ? rem(e, kDepth) : div(e, g.tile);
      Value xLocal = kInnermost ? div(e, kDepth) : rem(e, g.tile);
      Value x = add(base, xLocal), k = add(k0, kLocal);
      Value ok = arith::AndIOp::create(b, loc, less(x, extent), less(k, K));
      Value value = ifElseZero(b, loc, ok, type, [&](OpBuilder &ib) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(ib.getInsertionBlock(), ib.getInsertionPoint());
        SmallVector<Value> all(op.getNumLoops());
        for (auto [d, v] :
             llvm::zip(extentDims, delinearize(b, loc, x, extentSizes)))
          all[d] = v;
        for (auto [d, v] : llvm::zip(c.kDims, delinearize(b, loc, k, kSizes)))
          all[d] = v;
        return loadOperand(b, loc, op, input, all);
      });
      memref::StoreOp::create(b, loc, value, buffer,
                              ValueRange{kLocal, xLocal});
    }
  }

  /// One rank-1 update of the micro-tile at K index `k` (`kk` in the
  /// staged slice).
  SmallVector<Value> accumulate(Value k, Value kk, ValueRange acc) {
    SmallVector<Value> kIndices;
    bool needsK = llvm::is_contained(c.sides, Side::K);
    if (needsK)
      kIndices = delinearize(b, loc, k, kSizes);
    // Per input: its value for each of the thread's rows or columns.
    SmallVector<SmallVector<Value>> values;
    for (auto [input, side, buffer] :
         llvm::zip(op.getDpsInputOperands(), c.sides, staged)) {
      SmallVector<Value> &v = values.emplace_back();
      if (side == Side::K) {
        v.push_back(loadOperand(b, loc, op, *input, ivs(-1, -1, kIndices)));
        continue;
      }
      ArrayRef<Value> local = side == Side::M ? rowLocal : colLocal;
      for (Value x : local)
        v.push_back(memref::LoadOp::create(b, loc, buffer, ValueRange{kk, x}));
    }
    SmallVector<Value> result;
    forEachElement([&](int64_t i, int64_t j) {
      SmallVector<Value> args;
      for (auto [v, side] : llvm::zip(values, c.sides))
        args.push_back(side == Side::K ? v[0] : side == Side::M ? v[i] : v[j]);
      args.push_back(acc[i * g.perThread + j]);
      result.push_back(clonePayload(b, op, args, {})[0]);
    });
    return result;
  }

  /// The loop indices of element (i, j) of the micro-tile (-1: none of the
  /// M or N dims) with the K dims at `kIndices` (empty: none).
  SmallVector<Value> ivs(int64_t i, int64_t j, ArrayRef<Value> kIndices) {
    SmallVector<Value> all(op.getNumLoops());
    if (i >= 0)
      for (auto [d, v] : llvm::zip(c.mDims, rowIndices[i]))
        all[d] = v;
    if (j >= 0)
      for (auto [d, v] : llvm::zip(c.nDims, colIndices[j]))
        all[d] = v;
    for (auto [d, v] : llvm::zip(c.kDims, kIndices))
      all[d] = v;
    return all;
  }

  void forEachElement(llvm::function_ref<void(int64_t, int64_t)> fn) {
    for (int64_t i = 0; i < g.perThread; ++i)
      for (int64_t j = 0; j < g.perThread; ++j)
        fn(i, j);
  }

  Value valid(int64_t i, int64_t j) {
    return arith::AndIOp::create(b, loc, rowValid[i], colValid[j]);
  }
  Value constant(int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value rem(Value x, int64_t y) {
    return arith::RemUIOp::create(b, loc, x, constant(y));
  }
  Value div(Value x, int64_t y) {
    return arith::DivUIOp::create(b, loc, x, constant(y));
  }
  Value less(Value x, Value y) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, x, y);
  }

  IRRewriter &b;
  linalg::LinalgOp op;
  const Contraction &c;
  Geometry g;
  Location loc;
  mlir::gpu::LaunchOp launch;
  SmallVector<Value> mSizes, nSizes, kSizes, staged;
  Value M, N, K, tid, m0, n0;
  SmallVector<Value> rowValid, colValid, rowLocal, colLocal;
  SmallVector<SmallVector<Value>> rowIndices, colIndices;
};

struct ContractionKernelsPass final
    : plexus::impl::ContractionKernelsBase<ContractionKernelsPass> {
  using ContractionKernelsBase::ContractionKernelsBase;

  void runOnOperation() override {
    if (threadsPerDim < 1 || tile % threadsPerDim != 0 ||
        (kDepth * tile) % (threadsPerDim * threadsPerDim) != 0) {
      getOperation().emitError("plexus-gpu-contraction-kernels: the tile must "
                               "be a multiple of threads-per-dim, and 16 "
                               "tiles a multiple of the block's threads");
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!op->getParentOfType<mlir::gpu::LaunchOp>())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops)
      if (std::optional<Contraction> c = matchContraction(op))
        KernelBuilder(rewriter, op, *c, Geometry(tile, threadsPerDim)).build();
  }
};

} // namespace
