//===- VectorPayload.cpp - linalg payloads on vectors ---------------------===//

#include "codegen/CPU/VectorPayload.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

bool plexus::hasLanewisePayload(linalg::LinalgOp op) {
  for (Operation &nested : op.getBlock()->without_terminator()) {
    if (isa<arith::ConstantOp>(nested))
      continue;
    if (!nested.hasTrait<OpTrait::Elementwise>() ||
        !isa<arith::ArithDialect, math::MathDialect>(nested.getDialect()) ||
        nested.getNumRegions() != 0)
      return false;
    for (Type t : nested.getResultTypes())
      if (!t.isIntOrFloat() || t.getIntOrFloatBitWidth() > 32)
        return false;
  }
  return true;
}

SmallVector<Value> plexus::clonePayloadOnVectors(OpBuilder &b, Location loc,
                                                 linalg::LinalgOp op,
                                                 IRMapping &mapping) {
  auto vectorOf = [](Type t) { return VectorType::get({kVectorLanes}, t); };
  auto asVector = [&](Value v) -> Value {
    if (isa<VectorType>(v.getType()))
      return v;
    return vector::BroadcastOp::create(b, loc, vectorOf(v.getType()), v);
  };
  Block *body = op.getBlock();
  for (Operation &nested : body->without_terminator()) {
    if (isa<arith::ConstantOp>(nested)) {
      b.clone(nested, mapping);
      continue;
    }
    // Scalars from outside the payload or from constants are broadcast.
    for (Value operand : nested.getOperands())
      mapping.map(operand, asVector(mapping.lookupOrDefault(operand)));
    Operation *clone = b.clone(nested, mapping);
    for (Value result : clone->getResults())
      result.setType(vectorOf(result.getType()));
  }
  SmallVector<Value> results;
  for (Value yielded : body->getTerminator()->getOperands())
    results.push_back(asVector(mapping.lookupOrDefault(yielded)));
  return results;
}
