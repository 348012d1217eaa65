//===- KernelBuilders.cpp - Pieces of GPU kernels from linalg ops ---------===//

#include "codegen/GPU/KernelBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

mlir::gpu::LaunchOp plexus::kernels::createLaunch(OpBuilder &b, Location loc,
                                                  Value gridX, Value gridY,
                                                  int64_t blockX,
                                                  int64_t blockY) {
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  auto launch = mlir::gpu::LaunchOp::create(
      b, loc, gridX, gridY ? gridY : one, one,
      arith::ConstantIndexOp::create(b, loc, blockX),
      arith::ConstantIndexOp::create(b, loc, blockY), one);
  b.setInsertionPointToEnd(&launch.getBody().front());
  auto terminator = mlir::gpu::TerminatorOp::create(b, loc);
  b.setInsertionPoint(terminator);
  return launch;
}
