//===- ContractionMicrokernels.cpp - Register-tiled GEMMs on the CPU ------===//
//
// Every f32 contraction (codegen/Kernels/Contraction.h) whose payload is
// the multiply-accumulate `out + a * b` becomes loops around a register
// micro-kernel, in the manner of BLIS:
//
//   - the output is cut into tiles of R rows (consecutive indices of the
//     flattened M dims: batch x output pixels for a convolution) and 16 or
//     32 columns (the innermost output dim, the N dim);
//   - a tile's R x 2 vectors of 16 lanes stay in registers for the whole K
//     loop nest, in which every step loads the N-side vectors once and
//     broadcasts one M-side element per row into R x 2 FMAs;
//   - the N side is packed, when it pays, into panels of [K][32] contiguous
//     floats per column tile (zero beyond N): a transposed operand (the
//     weights of a backward pass, the flipped filter of a convolution's
//     input gradient) becomes contiguous, and a large one stops thrashing
//     the caches (rows 2 or 4 KiB apart share a handful of cache sets);
//   - a small batch reading the N side in place goes one row at a time
//     across tiles of 8 vectors (emitWideRows);
//   - column tiles (or row tiles, when there are few columns) are the
//     parallel loop that plexus-parallelize-loops gives to threads; an
//     output of a few tiles over a long K nest is split along K instead
//     (emitSplitK).
//
// The last rows that fill no R-row tile go through a tile of their own
// height (static M) or one row at a time (dynamic M); the last columns use
// masked loads and stores, which AVX-512 does at full speed.
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/BatchHint.h"
#include "codegen/CPU/PanelCache.h"
#include "codegen/CPU/Passes.h"
#include "codegen/Kernels/Contraction.h"
#include "codegen/Kernels/LinalgKernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace plexus {
#define GEN_PASS_DEF_CONTRACTIONMICROKERNELS
#include "codegen/CPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;
using namespace plexus::kernels;
using plexus::kParallelTag;
using plexus::kStreamingTag;

namespace {

constexpr int64_t kLanes = 16; // f32 lanes of an AVX-512 register
/// Rows from which packing a contiguous N side pays for itself: packing
/// copies K x N floats once, the kernels read them M times.
constexpr int64_t kPackFromRows = 32;
/// Columns from which the N side's rows are far enough apart in memory to
/// conflict in the caches.
constexpr int64_t kPackFromColumns = 128;
/// K steps ahead that packing prefetches the N side (prefetchAhead).
constexpr int64_t kPrefetchRows = 16;
/// Vectors per row of the tiles of a small batch (emitWideRows).
constexpr int64_t kWideVectors = 8;
/// Parts the outermost K loop of an output of few tiles is cut into
/// (emitSplitK): a multiple of the likely thread counts.
constexpr int64_t kKSplits = 8;
/// Tiles below which an output is split along K, and multiply-accumulate
/// steps per tile from which that pays.
constexpr int64_t kSplitBelowTiles = 4;
constexpr int64_t kSplitFromSteps = 8192;

/// How one contraction maps onto the micro-kernel.
struct Mapping {
  Contraction c;
  unsigned a, b;    // input positions of the M side and the N side
  unsigned nDim;    // the one N dim, innermost in the output
  bool bContiguous; // the N side is unit-stride along nDim
};

bool isF32MemRef(Value v) {
  auto type = dyn_cast<MemRefType>(v.getType());
  return type && type.getElementType().isF32();
}

/// Whether `map`'s last result is `dim` and no other result uses it.
bool innermostIs(AffineMap map, unsigned dim) {
  if (map.getNumResults() == 0 ||
      map.getResults().back() != getAffineDimExpr(dim, map.getContext()))
    return false;
  return llvm::none_of(map.getResults().drop_back(),
                       [&](AffineExpr e) { return e.isFunctionOfDim(dim); });
}

/// Whether the payload is `out + a * b` (in any operand order).
bool isMultiplyAccumulate(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  if (body->getNumArguments() != 3 || body->getOperations().size() != 3)
    return false;
  auto mul = dyn_cast<arith::MulFOp>(body->front());
  auto add = dyn_cast<arith::AddFOp>(*std::next(body->begin()));
  auto yield = dyn_cast<linalg::YieldOp>(body->back());
  if (!mul || !add || !yield || yield.getNumOperands() != 1 ||
      yield.getOperand(0) != add.getResult())
    return false;
  Value x = body->getArgument(0), y = body->getArgument(1),
        out = body->getArgument(2);
  bool mulOfInputs = (mul.getLhs() == x && mul.getRhs() == y) ||
                     (mul.getLhs() == y && mul.getRhs() == x);
  bool addsOut = (add.getLhs() == out && add.getRhs() == mul.getResult()) ||
                 (add.getRhs() == out && add.getLhs() == mul.getResult());
  return mulOfInputs && addsOut;
}

std::optional<Mapping> matchMicrokernel(linalg::LinalgOp op) {
  std::optional<Contraction> c = matchContraction(op);
  if (!c || op.getNumDpsInputs() != 2 || c->nDims.size() != 1 ||
      !llvm::is_contained(c->sides, Side::M) ||
      !llvm::is_contained(c->sides, Side::N))
    return std::nullopt;
  for (OpOperand &operand : op->getOpOperands())
    if (!isF32MemRef(operand.get()))
      return std::nullopt;
  if (!isMultiplyAccumulate(op))
    return std::nullopt;
  Mapping m{*c, 0, 1, c->nDims.front(), false};
  if (c->sides[0] == Side::N)
    std::swap(m.a, m.b);
  OpOperand &out = *op.getDpsInitOperand(0);
  if (!innermostIs(op.getMatchingIndexingMap(&out), m.nDim) ||
      !cast<MemRefType>(out.get().getType()).isLastDimUnitStride())
    return std::nullopt;
  OpOperand &b = *op.getDpsInputOperand(m.b);
  m.bContiguous = innermostIs(op.getMatchingIndexingMap(&b), m.nDim) &&
                  cast<MemRefType>(b.get().getType()).isLastDimUnitStride();
  return m;
}

/// Rows per tile for `rows` rows in all (if known): all of them when few,
/// else the tallest tile from 12 down to 8 that divides them (8 if none
/// does). Twelve rows of two vectors take 24 of the 32 vector registers.
int64_t rowsPerTile(std::optional<int64_t> rows) {
  if (!rows)
    return 8;
  if (*rows <= 12)
    return std::max<int64_t>(*rows, 1);
  for (int64_t r = 12; r >= 8; --r)
    if (*rows % r == 0)
      return r;
  return 8;
}

class MicrokernelBuilder {
public:
  /// `zeroInit`: the output holds zeros (a fill this replaces), so the
  /// accumulators start at zero instead of being loaded.
  MicrokernelBuilder(IRRewriter &b, linalg::LinalgOp op, const Mapping &m,
                     bool zeroInit, SymbolTable &symbols)
      : b(b), op(op), m(m), loc(op.getLoc()), zeroInit(zeroInit),
        symbols(symbols) {}

  void build() {
    b.setInsertionPoint(op);
    SmallVector<Value> sizes = loopSizes(b, op);
    for (unsigned d : m.c.mDims)
      mSizes.push_back(sizes[d]);
    for (unsigned d : m.c.kDims)
      kSizes.push_back(sizes[d]);
    std::optional<int64_t> staticRows = 1;
    for (Value size : mSizes)
      if (std::optional<int64_t> s = getConstantIntValue(size); s && staticRows)
        *staticRows *= *s;
      else
        staticRows = std::nullopt;
    rows = staticRows ? constant(*staticRows) : product(b, loc, mSizes);
    columns = sizes[m.nDim];
    std::optional<int64_t> staticColumns = getConstantIntValue(columns);
    vectors = staticColumns && *staticColumns <= kLanes ? 1 : 2;
    width = vectors * kLanes;
    tileRows = rowsPerTile(staticRows);
    masked = !staticColumns || *staticColumns % width != 0;
    columnTiles =
        staticColumns
            ? constant(llvm::divideCeil(*staticColumns, width))
            : arith::CeilDivUIOp::create(b, loc, columns, constant(width));
    // Threads take column tiles when there are enough of them, else rows.
    threadsOverColumns =
        staticColumns && llvm::divideCeil(*staticColumns, width) >= 4;

    bool packable = !staticColumns || *staticColumns >= kPackFromColumns;
    if (splitsK(staticRows, staticColumns)) {
      emitSplitK(*staticRows, llvm::divideCeil(*staticColumns, width));
    } else if (!m.bContiguous) {
      emitPackedTiles();
    } else if (!packable || (staticRows && *staticRows < kPackFromRows)) {
      emitTiles(nullptr);
    } else if (staticRows) {
      emitPackedTiles();
    } else if (std::optional<int64_t> hinted =
                   plexus::productAtBatchHint(mSizes)) {
      // The kernel for the function's usual batch (BatchHint.h) only.
      if (*hinted < kPackFromRows)
        emitWideRows();
      else
        emitPackedTiles();
    } else {
      // Small batches (inference of one sample) read the N side in place:
      // packing it would cost as much as the product.
      Value panels = allocatePanels();
      Value many = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge,
                                         rows, constant(kPackFromRows));
      auto ifOp = scf::IfOp::create(b, loc, many, /*withElseRegion=*/true);
      b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
      emitTiles(panels);
      b.setInsertionPoint(ifOp.elseBlock()->getTerminator());
      emitWideRows();
      b.setInsertionPointAfter(ifOp);
      releasePanels(panels);
    }
    b.eraseOp(op);
  }

private:
  /// Whether the output has too few tiles to share among threads while its
  /// K nest (at the batch hint, for a batch-sized K) is long: the filter
  /// gradient of a convolution on few channels, 9 x 32 outputs summed over
  /// batch x pixels.
  bool splitsK(std::optional<int64_t> staticRows,
               std::optional<int64_t> staticColumns) {
    if (!staticRows || !staticColumns || !m.bContiguous || kSizes.empty())
      return false;
    int64_t tiles = llvm::divideCeil(*staticRows, tileRows) *
                    llvm::divideCeil(*staticColumns, width);
    std::optional<int64_t> steps = plexus::productAtBatchHint(kSizes);
    return tiles < kSplitBelowTiles && steps && *steps >= kSplitFromSteps;
  }

  /// The outermost K loop cut into kKSplits parts that threads take, each
  /// accumulating every tile over its part into its own slice of a scratch
  /// buffer; the slices are then summed into the output in a fixed order,
  /// so the result does not depend on the number of threads.
  void emitSplitK(int64_t allRows, int64_t tiles) {
    Value partials = memref::AllocOp::create(
        b, loc,
        MemRefType::get({kKSplits, allRows, tiles * width}, b.getF32Type()));
    Value outer = kSizes.front();
    Value part = arith::CeilDivUIOp::create(b, loc, outer, constant(kKSplits));
    int64_t fullRows = allRows / tileRows * tileRows;
    forLoop(
        constant(0), constant(kKSplits), constant(1),
        [&](Value split) {
          kRange = partBounds(b, loc, split, part, outer);
          partialsAt = {partials, split};
          forLoop(constant(0), constant(tiles), constant(1), [&](Value tile) {
            forLoop(constant(0), constant(fullRows), constant(tileRows),
                    [&](Value row) { emitTile(row, tile, tileRows, nullptr); });
            if (int64_t rest = allRows - fullRows)
              emitTile(constant(fullRows), tile, rest, nullptr);
          });
          kRange = {};
          partialsAt = {};
        },
        /*parallel=*/true);

    OpOperand &out = *op.getDpsInitOperand(0);
    forLoop(constant(0), constant(allRows), constant(1), [&](Value row) {
      SmallVector<Value> mAt = delinearize(b, loc, row, mSizes);
      for (int64_t v = 0; v < tiles * vectors; ++v) {
        Value n = constant(v * kLanes);
        Value mask = maskFrom(n);
        Value sum = zeroInit
                        ? zeroVector()
                        : vectorAccess(out, ivs(mAt, n, {}), mask, nullptr);
        for (int64_t split = 0; split < kKSplits; ++split)
          sum = arith::AddFOp::create(
              b, loc, sum,
              vector::LoadOp::create(b, loc, vectorType(), partials,
                                     ValueRange{constant(split), row, n}));
        vectorAccess(out, ivs(mAt, n, {}), mask, sum);
      }
    });
    memref::DeallocOp::create(b, loc, partials);
  }

  /// All the tiles, the N side packed into panels allocated for them.
  void emitPackedTiles() {
    Value panels = allocatePanels();
    emitTiles(panels);
    releasePanels(panels);
  }

  /// [column tiles][K dims...][width] floats for the packed N side: kept
  /// between calls when that holds the weights (PanelCache.h), else a
  /// temporary.
  Value allocatePanels() {
    SmallVector<int64_t> shape;
    SmallVector<Value> dynamic;
    SmallVector<Value> sizes = {columnTiles};
    sizes.append(kSizes);
    for (Value size : sizes)
      if (std::optional<int64_t> s = getConstantIntValue(size)) {
        shape.push_back(*s);
      } else {
        shape.push_back(ShapedType::kDynamic);
        dynamic.push_back(size);
      }
    shape.push_back(width);
    auto type = MemRefType::get(shape, b.getF32Type());
    cache = plexus::cachePanels(b, loc, op.getDpsInputOperand(m.b)->get(), type,
                                symbols);
    if (cache)
      return cache->panels;
    return memref::AllocOp::create(b, loc, type, dynamic);
  }

  void releasePanels(Value panels) {
    if (!cache)
      memref::DeallocOp::create(b, loc, panels);
  }

  /// Few rows (a small batch), the N side read in place: one row at a time
  /// across tiles of up to kWideVectors vectors. Their independent FMA
  /// chains hide the FMA latency that a 2-vector tile of one row waits on,
  /// and each step reads a long contiguous run of an N-side row: such a
  /// product is bound by reading the N side (the weights, for inference).
  void emitWideRows() {
    auto narrow = std::make_tuple(vectors, width, masked);
    std::optional<int64_t> staticColumns = getConstantIntValue(columns);
    vectors = staticColumns
                  ? std::min<int64_t>(kWideVectors,
                                      llvm::divideCeil(*staticColumns, kLanes))
                  : kWideVectors;
    width = vectors * kLanes;
    masked = !staticColumns || *staticColumns % width != 0;
    Value tiles =
        staticColumns
            ? constant(llvm::divideCeil(*staticColumns, width))
            : arith::CeilDivUIOp::create(b, loc, columns, constant(width));
    scf::ForOp loop = forLoop(
        constant(0), tiles, constant(1),
        [&](Value tile) {
          forLoop(constant(0), rows, constant(1),
                  [&](Value row) { emitTile(row, tile, 1, nullptr); });
        },
        /*parallel=*/true);
    loop->setAttr(kStreamingTag, b.getUnitAttr());
    std::tie(vectors, width, masked) = narrow;
  }

  /// All the tiles of the output; `panels` is the packed N side, or null to
  /// read it in place.
  void emitTiles(Value panels) {
    Value zero = constant(0), one = constant(1);
    Value step = constant(tileRows);
    Value fullRows = arith::MulIOp::create(
        b, loc, arith::DivUIOp::create(b, loc, rows, step), step);
    std::optional<int64_t> staticRows = getConstantIntValue(rows);
    // The rows that fill no tile: one tile of their own height if known,
    // else one row at a time.
    auto remainder = [&](Value tile) {
      if (staticRows) {
        if (int64_t rest = *staticRows % tileRows)
          emitTile(fullRows, tile, rest, panels);
        return;
      }
      forLoop(fullRows, rows, one,
              [&](Value row) { emitTile(row, tile, 1, panels); });
    };

    if (threadsOverColumns) {
      forLoop(
          zero, columnTiles, one,
          [&](Value tile) {
            if (panels)
              packIfStale(panels, tile);
            forLoop(zero, fullRows, step,
                    [&](Value row) { emitTile(row, tile, tileRows, panels); });
            remainder(tile);
          },
          /*parallel=*/true);
      if (cache)
        cache->markPacked(b, loc);
      return;
    }
    if (panels) {
      forLoop(zero, columnTiles, one,
              [&](Value tile) { packIfStale(panels, tile); });
      if (cache)
        cache->markPacked(b, loc);
    }
    forLoop(
        zero, fullRows, step,
        [&](Value row) {
          forLoop(zero, columnTiles, one,
                  [&](Value tile) { emitTile(row, tile, tileRows, panels); });
        },
        /*parallel=*/true);
    forLoop(zero, columnTiles, one, [&](Value tile) { remainder(tile); });
  }

  /// Packs column tile `tile`, unless its cached panel holds it already.
  void packIfStale(Value panels, Value tile) {
    if (!cache) {
      pack(panels, tile);
      return;
    }
    auto ifOp = scf::IfOp::create(b, loc, cache->stale);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
    pack(panels, tile);
  }

  /// Copies column tile `tile` of the N side into its panel.
  void pack(Value panels, Value tile) {
    OpOperand &input = *op.getDpsInputOperand(m.b);
    Value n0 = arith::MulIOp::create(b, loc, tile, constant(width));
    forKLoops([&](ArrayRef<Value> k) {
      SmallVector<Value> at = {tile};
      at.append(k.begin(), k.end());
      if (m.bContiguous) {
        prefetchAhead(input, n0, k);
        for (int64_t q = 0; q < vectors; ++q) {
          Value n = arith::AddIOp::create(b, loc, n0, constant(q * kLanes));
          at.push_back(constant(q * kLanes));
          vector::StoreOp::create(b, loc, loadRow(input, n, k), panels, at);
          at.pop_back();
        }
        return;
      }
      // A transposed N side: gather lane by lane, zeros past the end.
      forLoop(constant(0), constant(width), constant(1), [&](Value lane) {
        Value n = arith::AddIOp::create(b, loc, n0, lane);
        Value inside = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                             n, columns);
        auto ifOp = scf::IfOp::create(b, loc, TypeRange{b.getF32Type()}, inside,
                                      /*withElseRegion=*/true);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(ifOp.thenBlock());
        scf::YieldOp::create(b, loc,
                             loadOperand(b, loc, op, input, ivs({}, n, k)));
        b.setInsertionPointToStart(ifOp.elseBlock());
        scf::YieldOp::create(b, loc, Value(constantF32(0)));
        b.setInsertionPointAfter(ifOp);
        at.push_back(lane);
        memref::StoreOp::create(b, loc, ifOp.getResult(0), panels, at);
        at.pop_back();
      });
    });
  }

  /// Prefetches the N side's columns from `n0` kPrefetchRows steps of the
  /// innermost K loop ahead of `k`. A panel takes a short run of every K
  /// row, rows that lie a page or more apart for a large N side: the
  /// hardware prefetchers miss that pattern, and packing waited on every
  /// row (5% of a 1024^3 matmul). Past the end, the hint fetches nothing.
  void prefetchAhead(OpOperand &input, Value n0, ArrayRef<Value> k) {
    SmallVector<Value> ahead(k);
    ahead.back() =
        arith::AddIOp::create(b, loc, ahead.back(), constant(kPrefetchRows));
    for (int64_t q = 0; q < vectors; ++q) {
      Value n = arith::AddIOp::create(b, loc, n0, constant(q * kLanes));
      memref::PrefetchOp::create(
          b, loc, input.get(),
          operandIndices(b, loc, op, input, ivs({}, n, ahead)),
          /*isWrite=*/false, /*localityHint=*/3, /*isDataCache=*/true);
    }
  }

  /// The tile of `height` rows from flat row `row0` and column tile `tile`.
  void emitTile(Value row0, Value tile, int64_t height, Value panels) {
    OpOperand &out = *op.getDpsInitOperand(0);
    OpOperand &a = *op.getDpsInputOperand(m.a);
    Value n0 = arith::MulIOp::create(b, loc, tile, constant(width));
    SmallVector<SmallVector<Value>> rowIndices;
    for (int64_t i = 0; i < height; ++i)
      rowIndices.push_back(delinearize(
          b, loc, arith::AddIOp::create(b, loc, row0, constant(i)), mSizes));
    SmallVector<Value> columnsAt, masks;
    for (int64_t q = 0; q < vectors; ++q) {
      columnsAt.push_back(
          arith::AddIOp::create(b, loc, n0, constant(q * kLanes)));
      masks.push_back(maskFrom(columnsAt.back()));
    }

    // Accumulators that start at zero read nothing of the tile's output, so
    // its lines would come only for the stores after the K loop, which
    // then wait on memory (4% of a 1024^3 matmul): they are fetched for
    // writing now, while the loop runs.
    if (zeroInit && !partialsAt.first && height > 1)
      for (int64_t i = 0; i < height; ++i)
        for (int64_t q = 0; q < vectors; ++q)
          memref::PrefetchOp::create(
              b, loc, out.get(),
              operandIndices(b, loc, op, out,
                             ivs(rowIndices[i], columnsAt[q], {})),
              /*isWrite=*/true, /*localityHint=*/3, /*isDataCache=*/true);
    SmallVector<Value> acc;
    for (int64_t i = 0; i < height; ++i)
      for (int64_t q = 0; q < vectors; ++q)
        acc.push_back(zeroInit || partialsAt.first
                          ? zeroVector()
                          : vectorAccess(out,
                                         ivs(rowIndices[i], columnsAt[q], {}),
                                         masks[q], nullptr));

    acc = kLoopNest(0, {}, acc, [&](ArrayRef<Value> k, ValueRange carried) {
      SmallVector<Value> bVectors;
      for (int64_t q = 0; q < vectors; ++q) {
        if (!panels) {
          bVectors.push_back(
              loadRow(*op.getDpsInputOperand(m.b), columnsAt[q], k, masks[q]));
          continue;
        }
        SmallVector<Value> at = {tile};
        at.append(k.begin(), k.end());
        at.push_back(constant(q * kLanes));
        bVectors.push_back(
            vector::LoadOp::create(b, loc, vectorType(), panels, at));
      }
      SmallVector<Value> next;
      for (int64_t i = 0; i < height; ++i) {
        Value element = loadOperand(b, loc, op, a, ivs(rowIndices[i], {}, k));
        Value broadcast =
            vector::BroadcastOp::create(b, loc, vectorType(), element);
        for (int64_t q = 0; q < vectors; ++q)
          next.push_back(vector::FMAOp::create(b, loc, broadcast, bVectors[q],
                                               carried[i * vectors + q]));
      }
      return next;
    });

    for (int64_t i = 0; i < height; ++i)
      for (int64_t q = 0; q < vectors; ++q) {
        if (!partialsAt.first) {
          vectorAccess(out, ivs(rowIndices[i], columnsAt[q], {}), masks[q],
                       acc[i * vectors + q]);
          continue;
        }
        // A split of the K nest (emitSplitK): whole vectors into its slice.
        Value row = arith::AddIOp::create(b, loc, row0, constant(i));
        vector::StoreOp::create(
            b, loc, acc[i * vectors + q], partialsAt.first,
            ValueRange{partialsAt.second, row, columnsAt[q]});
      }
  }

  /// Loads (if `value` is null) or stores 16 lanes of `operand` at `at`,
  /// where the N dim is the first lane, under `mask` if there is one.
  Value vectorAccess(OpOperand &operand, ArrayRef<Value> at, Value mask,
                     Value value) {
    Value memref = operand.get();
    SmallVector<Value> indices = operandIndices(b, loc, op, operand, at);
    if (value) {
      if (mask)
        vector::MaskedStoreOp::create(b, loc, memref, indices, mask, value);
      else
        vector::StoreOp::create(b, loc, value, memref, indices);
      return value;
    }
    if (mask)
      return vector::MaskedLoadOp::create(b, loc, vectorType(), memref, indices,
                                          mask, zeroVector());
    return vector::LoadOp::create(b, loc, vectorType(), memref, indices);
  }

  /// 16 lanes of the N side at K indices `k`, from column `n`.
  Value loadRow(OpOperand &input, Value n, ArrayRef<Value> k,
                Value mask = nullptr) {
    if (!mask)
      mask = maskFrom(n);
    return vectorAccess(input, ivs({}, n, k), mask, nullptr);
  }

  /// The lanes from column `n` that lie inside the output (null: all).
  Value maskFrom(Value n) {
    if (!masked)
      return nullptr;
    Value left = arith::SubIOp::create(b, loc, columns, n);
    left = arith::MaxSIOp::create(b, loc, left, constant(0));
    left = arith::MinSIOp::create(b, loc, left, constant(kLanes));
    return vector::CreateMaskOp::create(
        b, loc, VectorType::get({kLanes}, b.getI1Type()), ValueRange{left});
  }

  /// Loop indices from the M indices `mAt`, the N index `n` and the K
  /// indices `k` (each may be absent).
  SmallVector<Value> ivs(ArrayRef<Value> mAt, Value n, ArrayRef<Value> k) {
    SmallVector<Value> all(op.getNumLoops());
    for (auto [d, v] : llvm::zip(m.c.mDims, mAt))
      all[d] = v;
    all[m.nDim] = n;
    for (auto [d, v] : llvm::zip(m.c.kDims, k))
      all[d] = v;
    return all;
  }

  using Step =
      llvm::function_ref<SmallVector<Value>(ArrayRef<Value>, ValueRange)>;

  /// The K loops from `level` in, carrying `carried`; `step` computes the
  /// next values at the K indices.
  SmallVector<Value> kLoopNest(unsigned level, SmallVector<Value> k,
                               ValueRange carried, Step step) {
    if (level == kSizes.size())
      return step(k, carried);
    auto [lower, upper] = level == 0 && kRange.first
                              ? kRange
                              : std::make_pair(constant(0), kSizes[level]);
    auto loop = scf::ForOp::create(b, loc, lower, upper, constant(1), carried);
    OpBuilder::InsertionGuard guard(b);
    // Without carried values the loop comes with its terminator.
    if (carried.empty())
      b.setInsertionPoint(loop.getBody()->getTerminator());
    else
      b.setInsertionPointToStart(loop.getBody());
    k.push_back(loop.getInductionVar());
    SmallVector<Value> next =
        kLoopNest(level + 1, k, loop.getRegionIterArgs(), step);
    if (!carried.empty())
      scf::YieldOp::create(b, loc, next);
    return llvm::to_vector_of<Value>(loop.getResults());
  }

  void forKLoops(llvm::function_ref<void(ArrayRef<Value>)> body) {
    kLoopNest(0, {}, {}, [&](ArrayRef<Value> k, ValueRange) {
      body(k);
      return SmallVector<Value>();
    });
  }

  /// scf.for from `lb` to `ub`; `parallel` tags it for
  /// plexus-parallelize-loops.
  scf::ForOp forLoop(Value lb, Value ub, Value step,
                     llvm::function_ref<void(Value)> body,
                     bool parallel = false) {
    auto loop = scf::ForOp::create(b, loc, lb, ub, step);
    if (parallel)
      loop->setAttr(kParallelTag, b.getUnitAttr());
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    body(loop.getInductionVar());
    return loop;
  }

  VectorType vectorType() { return VectorType::get({kLanes}, b.getF32Type()); }
  Value zeroVector() {
    return arith::ConstantOp::create(
        b, loc, cast<TypedAttr>(b.getZeroAttr(vectorType())));
  }
  Value constant(int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value constantF32(float v) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
  }

  IRRewriter &b;
  linalg::LinalgOp op;
  const Mapping &m;
  Location loc;
  SmallVector<Value> mSizes, kSizes;
  bool zeroInit;
  Value rows, columns, columnTiles;
  /// While emitSplitK builds a split: the bounds of its part of the
  /// outermost K loop, and the scratch buffer and index of its slice.
  std::pair<Value, Value> kRange, partialsAt;
  int64_t vectors = 2, width = 32, tileRows = 8;
  bool masked = true, threadsOverColumns = false;
  SymbolTable &symbols;
  /// The packed N side's panels when they are kept between calls.
  std::optional<plexus::CachedPanels> cache;
};

/// The linalg.fill with zeros that last wrote `op`'s whole output, if no
/// op between them touches that buffer (or any view of it) or has effects
/// this cannot see. The contraction can then start from zeros and the
/// fill, a full pass over memory, goes.
linalg::FillOp zeroFillBefore(linalg::LinalgOp op) {
  Value out = op.getDpsInitOperand(0)->get();
  Value buffer = viewedBuffer(out);
  for (Operation *prev = op->getPrevNode(); prev; prev = prev->getPrevNode()) {
    auto fill = dyn_cast<linalg::FillOp>(prev);
    if (fill && fill.getOutputs()[0] == out) {
      auto value = fill.getInputs()[0].getDefiningOp<arith::ConstantOp>();
      auto zero = value ? dyn_cast<FloatAttr>(value.getValue()) : nullptr;
      return zero && zero.getValue().isZero() && !zero.getValue().isNegative()
                 ? fill
                 : nullptr;
    }
    if (prev->getNumRegions() != 0 && !isa<linalg::LinalgOp>(prev))
      return nullptr;
    if (!isMemoryEffectFree(prev) &&
        !isa<linalg::LinalgOp, memref::AllocOp, memref::CopyOp>(prev))
      return nullptr;
    for (Value operand : prev->getOperands())
      if (isa<MemRefType>(operand.getType()) && viewedBuffer(operand) == buffer)
        return nullptr;
  }
  return nullptr;
}

struct ContractionMicrokernelsPass final
    : plexus::impl::ContractionMicrokernelsBase<ContractionMicrokernelsPass> {
  void runOnOperation() override {
    SmallVector<std::pair<linalg::LinalgOp, Mapping>, 4> work;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (std::optional<Mapping> m = matchMicrokernel(op))
        work.emplace_back(op, *m);
    });
    IRRewriter rewriter(&getContext());
    SymbolTable symbols(getOperation());
    for (auto &[op, m] : work) {
      linalg::FillOp fill = zeroFillBefore(op);
      MicrokernelBuilder(rewriter, op, m, /*zeroInit=*/bool(fill), symbols)
          .build();
      if (fill)
        rewriter.eraseOp(fill);
    }
  }
};

} // namespace
