//===- BatchHint.h - Sizes at an entry point's usual batch ------*- C++ -*-===//
//
// plx_train_step carries `plexus.batch_hint`, the rows of a training batch
// (nn-build-train-step). Its loop bounds stay dynamic, since the last batch
// of an epoch is smaller, but the choices code generation makes from sizes
// (threads or not, which contraction kernel) are made once, at that batch
// size, instead of compiling every choice and deciding at run time. Each
// choice is correct at any batch size.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_CPU_BATCHHINT_H
#define PLEXUS_CODEGEN_CPU_BATCHHINT_H

#include "mlir/IR/Value.h"

#include <optional>

namespace plexus {

/// The function attribute holding an entry point's usual batch size.
inline constexpr llvm::StringLiteral kBatchHintAttr = "plexus.batch_hint";

/// The value of the index `v`: a constant, or, in a function with a batch
/// hint, what index arithmetic over the dims of its arguments and buffers
/// gives when every dynamic dim of an argument (the batch) is the hint.
/// Nullopt when neither is known.
std::optional<int64_t> sizeAtBatchHint(mlir::Value v);

/// The product of `sizes` at the batch hint (sizeAtBatchHint of each), 1 if
/// there are none; nullopt when one is not known.
std::optional<int64_t> productAtBatchHint(llvm::ArrayRef<mlir::Value> sizes);

} // namespace plexus

#endif // PLEXUS_CODEGEN_CPU_BATCHHINT_H
