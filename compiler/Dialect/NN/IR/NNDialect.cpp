//===- NNDialect.cpp - The nn dialect -------------------------------------===//

#include "compiler/Dialect/NN/IR/NNDialect.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

using namespace mlir;
using namespace plexus::nn;

#include "compiler/Dialect/NN/IR/NNOpsDialect.cpp.inc"

void NNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "compiler/Dialect/NN/IR/NNOps.cpp.inc"
      >();
}
