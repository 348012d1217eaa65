//===- plexus-opt.cpp - MLIR optimizer driver with Plexus registered ------===//
//
// mlir-opt with every upstream dialect and pass, plus Plexus's own: the tool
// the lit tests use to run single passes.
//
//===----------------------------------------------------------------------===//

#include "compiler/RegisterAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  plexus::registerPlexusPasses();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  plexus::registerPlexusDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Plexus optimizer driver\n", registry));
}
