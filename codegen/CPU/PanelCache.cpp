//===- PanelCache.cpp - Packed weights kept between calls -----------------===//
//
// See PanelCache.h.
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/PanelCache.h"
#include "codegen/CPU/Passes.h"
#include "codegen/Kernels/LinalgKernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

namespace {

/// The `plexus.versioned` entry-block argument that `source` views, if the
/// view's place in it is its offset and static strides alone.
BlockArgument versionedArgument(Value source) {
  auto type = dyn_cast<MemRefType>(source.getType());
  if (!type || !type.hasStaticShape())
    return nullptr;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)) ||
      llvm::any_of(strides, ShapedType::isDynamic))
    return nullptr;
  return plexus::markedArgument(plexus::kernels::viewedBuffer(source),
                                plexus::kVersionedAttr);
}

/// `plx_params_version() -> i64`, declared in `symbols`' module if absent.
func::FuncOp versionFunction(OpBuilder &b, Location loc, SymbolTable &symbols) {
  if (auto existing =
          symbols.lookup<func::FuncOp>(plexus::kParamsVersionFunction))
    return existing;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&symbols.getOp()->getRegion(0).front());
  auto decl = func::FuncOp::create(b, loc, plexus::kParamsVersionFunction,
                                   b.getFunctionType({}, {b.getI64Type()}));
  decl.setPrivate();
  symbols.insert(decl);
  return decl;
}

/// A private global `name` of `type` (uninitialized if `initial` is null),
/// named uniquely in `symbols`.
memref::GlobalOp addGlobal(OpBuilder &b, Location loc, SymbolTable &symbols,
                           StringRef name, MemRefType type, Attribute initial) {
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&symbols.getOp()->getRegion(0).front());
  auto global =
      memref::GlobalOp::create(b, loc, name, b.getStringAttr("private"), type,
                               initial ? initial : b.getUnitAttr(),
                               /*constant=*/false, b.getI64IntegerAttr(64));
  symbols.insert(global);
  return global;
}

} // namespace

std::optional<plexus::CachedPanels>
plexus::cachePanels(OpBuilder &b, Location loc, Value source,
                    MemRefType panelsType, SymbolTable &symbols) {
  if (!panelsType.hasStaticShape() || !versionedArgument(source))
    return std::nullopt;
  func::FuncOp version = versionFunction(b, loc, symbols);
  memref::GlobalOp panels =
      addGlobal(b, loc, symbols, "plx_packed_weights", panelsType, nullptr);
  // No version is negative: the first call packs.
  auto keyType = MemRefType::get({3}, b.getI64Type());
  memref::GlobalOp key = addGlobal(
      b, loc, symbols, "plx_packed_weights_key", keyType,
      DenseElementsAttr::get(RankedTensorType::get({3}, b.getI64Type()),
                             b.getI64IntegerAttr(-1).getValue()));

  CachedPanels cache;
  cache.panels =
      memref::GetGlobalOp::create(b, loc, panelsType, panels.getSymName());
  cache.key = memref::GetGlobalOp::create(b, loc, keyType, key.getSymName());
  auto toI64 = [&](Value index) {
    return arith::IndexCastUIOp::create(b, loc, b.getI64Type(), index);
  };
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, source);
  cache.current = {
      func::CallOp::create(b, loc, version).getResult(0),
      toI64(memref::ExtractAlignedPointerAsIndexOp::create(b, loc, source)),
      toI64(metadata.getOffset())};
  for (auto [i, now] : llvm::enumerate(cache.current)) {
    Value at = arith::ConstantIndexOp::create(b, loc, i);
    Value held = memref::LoadOp::create(b, loc, cache.key, at);
    Value differs =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, held, now);
    cache.stale = cache.stale
                      ? arith::OrIOp::create(b, loc, cache.stale, differs)
                      : differs;
  }
  return cache;
}

void plexus::CachedPanels::markPacked(OpBuilder &b, Location loc) const {
  for (auto [i, now] : llvm::enumerate(current))
    memref::StoreOp::create(
        b, loc, now, key,
        ValueRange{arith::ConstantIndexOp::create(b, loc, i)});
}
