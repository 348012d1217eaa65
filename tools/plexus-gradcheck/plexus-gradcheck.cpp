//===- plexus-gradcheck.cpp - Check the gradient rules of functions -------===//
//
// Finite-difference checks of the gradient rule of every function model
// files can call (SurfaceFunctionOpInterface), including those of dialect
// plugins: the check an extension's author runs on a new op.
//
//   plexus-gradcheck [--load-dialect-plugin=ext.so] [name...]
//
// Each function f is checked on mse(f(x), t) with x of shape 3x4 uniform in
// [-2, 2] (GradientChecker.h has the method and the bound). Exit code 1 if
// any rule is wrong.
//
//===----------------------------------------------------------------------===//

#include "GradientChecker.h"

#include "compiler/Dialect/NN/IR/NNOps.h"
#include "compiler/Dialect/NN/IR/SurfaceFunctions.h"
#include "compiler/RegisterAll.h"

#include "mlir/IR/MLIRContext.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"

namespace cl = llvm::cl;

static cl::list<std::string>
    dialectPlugins("load-dialect-plugin",
                   cl::desc("Load dialects (and their functions) from a "
                            "plugin library"),
                   cl::value_desc("path"));
static cl::list<std::string>
    names(cl::Positional,
          cl::desc("[functions to check; default: all that have a rule]"));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "plexus-gradcheck: finite-difference checks of "
                              "the gradient rules of surface functions\n");
  mlir::DialectRegistry registry;
  plexus::registerGradientCheckDialects(registry);
  if (!plexus::loadDialectPlugins(registry, dialectPlugins, "plexus-gradcheck"))
    return 2;
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::vector<plexus::nn::SurfaceFunction> functions =
      plexus::nn::surfaceFunctions(context);
  for (const std::string &name : names) {
    if (plexus::nn::findSurfaceFunction(functions, name))
      continue;
    llvm::errs() << "plexus-gradcheck: error: no function '" << name
                 << "' (plexc --list-functions lists them)\n";
    return 2;
  }

  unsigned failed = 0;
  for (const plexus::nn::SurfaceFunction &f : functions) {
    if (!names.empty() && !llvm::is_contained(names, f.name.str()))
      continue;
    std::optional<mlir::RegisteredOperationName> op =
        mlir::RegisteredOperationName::lookup(f.opName, &context);
    if (!op->hasInterface<plexus::nn::GradientOpInterface>()) {
      llvm::outs() << "skip  " << f.name << " (" << f.opName
                   << "): no gradient rule\n";
      continue;
    }
    plexus::GradientCheckArg x{"x", {3, 4}, true, -2, 2};
    plexus::GradientCheckArg t{"t", {3, 4}, false, -1, 1};
    std::string type = plexus::tensorTypeOf(x);
    plexus::GradientCheckCase c{f.name.str(),
                                {x, t},
                                "  %0 = \"" + f.opName.str() + "\"(%x) : (" +
                                    type + ") -> " + type +
                                    "\n  %loss = nn.mse_loss %0, %t : " + type};
    std::vector<std::string> failures = plexus::checkGradient(registry, c);
    llvm::outs() << (failures.empty() ? "ok    " : "FAIL  ") << f.name << " ("
                 << f.opName << ")\n";
    for (const std::string &failure : failures)
      llvm::outs() << "      " << failure << "\n";
    failed += !failures.empty();
  }
  return failed ? 1 : 0;
}
