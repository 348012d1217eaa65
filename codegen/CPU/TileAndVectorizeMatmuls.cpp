//===- TileAndVectorizeMatmuls.cpp - Register tiling of matmuls -----------===//
//
// The recipe of ../shared/docs/TOOLCHAIN.md, adapted to a dynamic batch:
//
//   1. tile each `plexus.matmul` generic (dims m, n, k) into 8 x 32 x 1
//      register tiles with scf.for loops;
//   2. peel the n and m loops, so that every tile of the main loops has a
//      static shape (the remainders keep dynamic shapes and become loops);
//   3. vectorize the static tiles into vector.contract and fold the tensor
//      slices into vector transfers;
//   4. hoist the accumulator out of the k loop, so that the 8 x 32 block of
//      C stays in registers while A and B stream through.
//
// The contractions are lowered to outer products (FMAs) by the LLVM
// pipeline.
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace plexus {
#define GEN_PASS_DEF_TILEANDVECTORIZEMATMULS
#include "codegen/CPU/Passes.h.inc"
} // namespace plexus

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kTag = "plexus.matmul";

bool hasStaticShapes(linalg::GenericOp op) {
  return llvm::all_of(op->getOperandTypes(), [](Type t) {
    auto shaped = dyn_cast<ShapedType>(t);
    return !shaped || shaped.hasStaticShape();
  });
}

class TileAndVectorizeMatmulsPass final
    : public plexus::impl::TileAndVectorizeMatmulsBase<
          TileAndVectorizeMatmulsPass> {
public:
  using TileAndVectorizeMatmulsBase::TileAndVectorizeMatmulsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    IRRewriter rewriter(ctx);

    // 1-2. Tile and peel: 8 x 32 tiles, then the remainder rows (the last
    // rows of a batch, or all of a batch of 1) as 1 x 32 tiles.
    for (int64_t rows : {int64_t(tileM), int64_t(1)}) {
      SmallVector<linalg::GenericOp> matmuls;
      module.walk([&](linalg::GenericOp op) {
        if (op->hasAttr(kTag) && (rows == tileM || !hasStaticShapes(op)))
          matmuls.push_back(op);
      });
      for (linalg::GenericOp op : matmuls)
        if (failed(tileAndPeel(rewriter, op, rows)))
          return signalPassFailure();
      if (failed(applyPatternsGreedily(module, canonicalization(ctx))))
        return signalPassFailure();
    }

    // 3. Vectorize the tiles whose shapes are now static.
    SmallVector<linalg::GenericOp> tiles;
    module.walk([&](linalg::GenericOp op) {
      if (op->hasAttr(kTag) && hasStaticShapes(op))
        tiles.push_back(op);
    });
    for (linalg::GenericOp op : tiles) {
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::VectorizationResult> result =
          linalg::vectorize(rewriter, op);
      if (succeeded(result))
        rewriter.replaceOp(op, result->replacements);
    }
    // Turn the unit-k multiply + reduction into vector.contract before
    // canonicalization folds it into a separate mul and add (no FMA).
    RewritePatternSet contract(ctx);
    vector::populateVectorReductionToContractPatterns(contract);
    vector::populateVectorTransferPermutationMapLoweringPatterns(contract);
    if (failed(applyPatternsGreedily(module, std::move(contract))))
      return signalPassFailure();
    RewritePatternSet patterns = canonicalization(ctx);
    tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
    if (failed(applyPatternsGreedily(module, std::move(patterns))))
      return signalPassFailure();

    // 4. Keep accumulators in registers across the reduction loops.
    SmallVector<scf::ForOp> loops;
    module.walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops)
      hoistLoopInvariantSubsets(rewriter,
                                cast<LoopLikeOpInterface>(loop.getOperation()));

    // Remainder tiles keep no tag.
    module.walk([](linalg::GenericOp op) { op->removeAttr(kTag); });
  }

private:
  /// Tiles `op` into rows x tileN x 1 tiles and peels the n and m loops.
  LogicalResult tileAndPeel(IRRewriter &rewriter, linalg::GenericOp op,
                            int64_t rows) {
    rewriter.setInsertionPoint(op);
    scf::SCFTilingOptions options;
    options.setTileSizes({rewriter.getIndexAttr(rows),
                          rewriter.getIndexAttr(tileN),
                          rewriter.getIndexAttr(1)});
    FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiled))
      return op.emitError("internal error: cannot tile this matmul");
    rewriter.replaceOp(op, tiled->replacements);
    // Row tiles are independent: plexus-parallelize-loops may give them
    // to threads.
    tiled->loops.front()->setAttr("plexus.parallel", rewriter.getUnitAttr());
    // Peel n (inner) before m (outer); a loop whose trip count divides
    // evenly or that runs once has nothing to peel.
    for (int i = std::min<int>(1, tiled->loops.size() - 1); i >= 0; --i) {
      auto loop = dyn_cast<scf::ForOp>(tiled->loops[i].getOperation());
      scf::ForOp partial;
      if (loop)
        (void)scf::peelForLoopAndSimplifyBounds(rewriter, loop, partial);
    }
    return success();
  }

  static RewritePatternSet canonicalization(MLIRContext *ctx) {
    RewritePatternSet patterns(ctx);
    for (Dialect *dialect : ctx->getLoadedDialects())
      dialect->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName op : ctx->getRegisteredOperations())
      op.getCanonicalizationPatterns(patterns, ctx);
    return patterns;
  }
};

} // namespace
