//===- PanelCache.h - Packed weights kept between calls ---------*- C++ -*-===//
//
// A contraction kernel packs its N side into panels at every call
// (ContractionMicrokernels.cpp). When that N side is the model's weights
// and the call only reads them (plx_evaluate: predictions, validation),
// the panels of the previous call are still right unless the weights
// changed since. The panels then live in a module global next to a key,
// (weights version, address, offset), which says what they were packed
// from: the kernel packs only when the key differs from the present one.
//
// The weights version is the runtime's `plx_params_version()`, which
// changes whenever the runtime writes the parameters (initialization, a
// training step, a checkpoint read). An argument marked `plexus.versioned`
// promises that its contents change only then; MLIRGen marks
// plx_evaluate's parameters.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_CODEGEN_CPU_PANELCACHE_H
#define PLEXUS_CODEGEN_CPU_PANELCACHE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

#include <optional>

namespace plexus {

/// The argument attribute of a buffer that changes only with the runtime's
/// weights version.
inline constexpr llvm::StringLiteral kVersionedAttr = "plexus.versioned";
/// The runtime function that returns the weights version (an i64).
inline constexpr llvm::StringLiteral kParamsVersionFunction =
    "plx_params_version";

struct CachedPanels {
  /// The global's panels, of the type cachePanels was given.
  mlir::Value panels;
  /// An i1: the panels do not hold the N side at its present version.
  mlir::Value stale;

  /// Records, after the panels were packed, that they hold the N side.
  void markPacked(mlir::OpBuilder &b, mlir::Location loc) const;

  /// The global key, and the present (version, address, offset).
  mlir::Value key;
  llvm::SmallVector<mlir::Value, 3> current;
};

/// Panels of `panelsType` (static) in a new global of `symbols`' module for
/// the N side `source`, if that is a view with static strides of a
/// `plexus.versioned` argument of the entry block being built; the check
/// of the key is built at `b`'s insertion point. Nullopt otherwise.
std::optional<CachedPanels> cachePanels(mlir::OpBuilder &b, mlir::Location loc,
                                        mlir::Value source,
                                        mlir::MemRefType panelsType,
                                        mlir::SymbolTable &symbols);

} // namespace plexus

#endif // PLEXUS_CODEGEN_CPU_PANELCACHE_H
