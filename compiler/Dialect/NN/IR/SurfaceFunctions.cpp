//===- SurfaceFunctions.cpp - Ops that model files call by name -----------===//

#include "compiler/Dialect/NN/IR/SurfaceFunctions.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;

namespace plexus::nn {

std::vector<SurfaceFunction> surfaceFunctions(MLIRContext &context) {
  std::vector<SurfaceFunction> functions;
  for (RegisteredOperationName op : context.getRegisteredOperations()) {
    auto *surface = op.getInterface<SurfaceFunctionOpInterface>();
    if (!surface)
      continue;
    functions.push_back({surface->getSurfaceName(), op.getStringRef(),
                         surface->buildSurfaceCall});
  }
  llvm::stable_sort(functions,
                    [](const SurfaceFunction &a, const SurfaceFunction &b) {
                      return a.name < b.name;
                    });
  return functions;
}

const SurfaceFunction *findSurfaceFunction(ArrayRef<SurfaceFunction> functions,
                                           llvm::StringRef name) {
  auto it = llvm::find_if(
      functions, [&](const SurfaceFunction &f) { return f.name == name; });
  return it == functions.end() ? nullptr : &*it;
}

} // namespace plexus::nn
