//===- plexc.cpp - The Plexus compiler driver -----------------------------===//
//
// Strings the stages together; each `--emit=` value stops after one stage.
// The stages form an ordered enum (as in the MLIR Toy tutorial): a stage runs
// iff the requested one is at or after it.
//
// Exit codes: 0 success, 1 errors in the model file, 2 usage errors.
//
//===----------------------------------------------------------------------===//

#include "Version.h"

#include "compiler/Sema/Sema.h"
#include "lang/Parser.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/thread.h"

using namespace plexus;
namespace cl = llvm::cl;

namespace {

enum class Stage { AST, Check, NN, Grad, Linalg, LLVMMLIR, LLVMIR, Obj, Exe };

cl::OptionCategory plexcCategory("plexc options");

cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.plx>"),
                               cl::cat(plexcCategory));

cl::opt<std::string> outputFile("o", cl::desc("Write output to <file>"),
                                cl::value_desc("file"),
                                cl::cat(plexcCategory));

cl::opt<Stage> emit(
    "emit", cl::desc("The stage to stop after and print"),
    cl::init(Stage::Exe),
    cl::values(
        clEnumValN(Stage::AST, "ast", "the abstract syntax tree"),
        clEnumValN(Stage::Check, "check",
                   "check the model file and print nothing"),
        clEnumValN(Stage::NN, "nn", "the nn dialect (MLIRGen)"),
        clEnumValN(Stage::Grad, "grad", "after reverse-mode autodiff"),
        clEnumValN(Stage::Linalg, "linalg", "after lowering to linalg"),
        clEnumValN(Stage::LLVMMLIR, "llvm-mlir", "the LLVM dialect"),
        clEnumValN(Stage::LLVMIR, "llvm", "LLVM IR"),
        clEnumValN(Stage::Obj, "obj", "an object file"),
        clEnumValN(Stage::Exe, "exe", "a linked executable (default)")),
    cl::cat(plexcCategory));

void printVersion(llvm::raw_ostream &os) {
  os << "plexc (Plexus) " << PLEXUS_VERSION_STRING << "\n"
     << "  built with LLVM " << LLVM_VERSION_STRING << "\n";
}

/// Parses and checks the input, then runs the requested stages. Runs on a
/// thread with a large stack so that no input can exhaust it.
int compile() {
  DiagnosticEngine diags(llvm::errs());
  std::unique_ptr<Program> program = parseFile(inputFile, diags);
  auto finish = [&](int code) {
    if (diags.getNumErrors() > 1)
      llvm::errs() << diags.getNumErrors() << " errors generated.\n";
    else if (diags.getNumErrors() == 1)
      llvm::errs() << "1 error generated.\n";
    return code;
  };
  if (!program)
    return finish(1);

  if (emit == Stage::AST) {
    // The AST is printed even if Sema would find errors: it shows what was
    // parsed. Sema still runs so that the exit code reflects them.
    std::error_code ec;
    llvm::ToolOutputFile out(outputFile.empty() ? std::string("-") : outputFile.getValue(), ec,
                             llvm::sys::fs::OF_Text);
    if (ec) {
      llvm::errs() << "plexc: error: cannot write '" << outputFile
                   << "': " << ec.message() << "\n";
      return 1;
    }
    dumpAST(*program, out.os());
    out.keep();
  }
  std::unique_ptr<CheckedProgram> checked = checkProgram(*program, diags);
  if (!checked)
    return finish(1);
  if (emit <= Stage::Check)
    return finish(0);

  llvm::errs() << "plexc: error: this stage is not available yet: this build has the front end only "
                  "(use --emit=ast or --emit=check)\n";
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::SetVersionPrinter(printVersion);
  cl::HideUnrelatedOptions(plexcCategory);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "plexc: the Plexus compiler\n\n"
          "  plexc model.plx -o model       compile to a training binary\n"
          "  plexc --emit=ast model.plx     print the syntax tree\n"
          "  plexc --emit=check model.plx   report errors only\n",
          &llvm::errs()))
    return 2;
  if (inputFile.empty()) {
    llvm::errs() << "plexc: error: no input file\n"
                 << "usage: plexc [options] <model.plx> (see plexc --help)\n";
    return 2;
  }
  if (inputFile != "-" && !llvm::sys::fs::exists(inputFile)) {
    llvm::errs() << "plexc: error: no such file: '" << inputFile << "'\n";
    return 2;
  }
  if (inputFile != "-" && llvm::sys::fs::is_directory(inputFile)) {
    llvm::errs() << "plexc: error: '" << inputFile << "' is a directory\n";
    return 2;
  }

  int result = 1;
  // 512 MiB of (lazily committed) stack for the front end.
  llvm::thread worker(std::optional<unsigned>(512u << 20),
                      [&] { result = compile(); });
  worker.join();
  return result;
}
