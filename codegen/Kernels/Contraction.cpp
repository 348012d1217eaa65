//===- Contraction.cpp - Linalg ops that are GEMMs ------------------------===//

#include "codegen/Kernels/Contraction.h"

#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace plexus::kernels;

static llvm::SmallBitVector dimsUsedBy(linalg::LinalgOp op, OpOperand &operand) {
  llvm::SmallBitVector used(op.getNumLoops());
  if (!isa<MemRefType>(operand.get().getType()))
    return used;
  AffineMap map = op.getMatchingIndexingMap(&operand);
  for (unsigned d = 0; d < op.getNumLoops(); ++d)
    used[d] = map.isFunctionOfDim(d);
  return used;
}

std::optional<Contraction>
plexus::kernels::matchContraction(linalg::LinalgOp op) {
  if (op.getNumDpsInits() != 1 || !op.hasPureBufferSemantics())
    return std::nullopt;
  if (!op.getBlock()->getOps<linalg::IndexOp>().empty())
    return std::nullopt;
  unsigned numLoops = op.getNumLoops();
  llvm::SmallBitVector parallel(numLoops);
  for (auto [d, it] : llvm::enumerate(op.getIteratorTypesArray()))
    parallel[d] = it == utils::IteratorType::parallel;
  if (parallel.all())
    return std::nullopt;
  OpOperand &init = *op.getDpsInitOperand(0);
  AffineMap outMap = op.getMatchingIndexingMap(&init);
  if (!outMap.isProjectedPermutation() ||
      outMap.getNumResults() != parallel.count() ||
      dimsUsedBy(op, init) != parallel ||
      !op.payloadUsesValueFromOperand(&init))
    return std::nullopt;

  // M: the parallel dims of the first input that has some, closed over the
  // inputs that share any of them.
  SmallVector<llvm::SmallBitVector> used;
  for (OpOperand *input : op.getDpsInputOperands())
    used.push_back(dimsUsedBy(op, *input) & parallel);
  llvm::SmallBitVector m(numLoops);
  for (const llvm::SmallBitVector &u : used)
    if (u.any()) {
      m = u;
      break;
    }
  for (bool grew = true; grew;) {
    grew = false;
    for (const llvm::SmallBitVector &u : used)
      if (u.anyCommon(m) && (u | m) != m) {
        m |= u;
        grew = true;
      }
  }
  llvm::SmallBitVector n = parallel;
  n.reset(m);
  Contraction c;
  bool hasN = false;
  for (const llvm::SmallBitVector &u : used) {
    if (u.none()) {
      c.sides.push_back(Side::K);
    } else if (u.anyCommon(m)) {
      c.sides.push_back(Side::M);
    } else {
      c.sides.push_back(Side::N);
      hasN = true;
    }
  }
  if (m.none() || !hasN)
    return std::nullopt;
  for (unsigned d = 0; d < numLoops; ++d)
    (m[d] ? c.mDims : n[d] ? c.nDims : c.kDims).push_back(d);
  return c;
}
