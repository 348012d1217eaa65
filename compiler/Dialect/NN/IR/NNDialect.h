//===- NNDialect.h - The nn dialect -----------------------------*- C++ -*-===//

#ifndef PLEXUS_COMPILER_DIALECT_NN_IR_NNDIALECT_H
#define PLEXUS_COMPILER_DIALECT_NN_IR_NNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "compiler/Dialect/NN/IR/NNOpsDialect.h.inc"

#endif // PLEXUS_COMPILER_DIALECT_NN_IR_NNDIALECT_H
