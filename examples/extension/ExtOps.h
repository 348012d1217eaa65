//===- ExtOps.h - The ext dialect: a Mish activation ------------*- C++ -*-===//

#ifndef PLEXUS_EXT_EXTOPS_H
#define PLEXUS_EXT_EXTOPS_H

#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "ExtDialect.h.inc"

#define GET_OP_CLASSES
#include "ExtOps.h.inc"

#endif // PLEXUS_EXT_EXTOPS_H
