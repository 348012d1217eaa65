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

#include "codegen/CPU/Pipelines.h"
#include "codegen/GPU/Pipelines.h"
#include "compiler/Dialect/NN/IR/NNDialect.h"
#include "compiler/Dialect/NN/IR/SurfaceFunctions.h"
#include "compiler/MLIRGen/MLIRGen.h"
#include "compiler/MLIRGen/ModelDescriptor.h"
#include "compiler/RegisterAll.h"
#include "compiler/Sema/Sema.h"
#include "lang/Parser.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/Plugins/PassPlugin.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/thread.h"
#include "llvm/Support/xxhash.h"

using namespace plexus;
namespace cl = llvm::cl;

namespace {

enum class Stage {
  AST,
  Check,
  NN,
  Grad,
  Linalg,
  LLVMMLIR,
  PTX,
  LLVMIR,
  Obj,
  Exe
};

enum class Target { CPU, CUDA };

cl::OptionCategory plexcCategory("plexc options");

cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.plx>"),
                               cl::cat(plexcCategory));

cl::opt<std::string> outputFile("o", cl::desc("Write output to <file>"),
                                cl::value_desc("file"), cl::cat(plexcCategory));

cl::opt<Stage> emit(
    "emit", cl::desc("The stage to stop after and print"), cl::init(Stage::Exe),
    cl::values(clEnumValN(Stage::AST, "ast", "the abstract syntax tree"),
               clEnumValN(Stage::Check, "check",
                          "check the model file and print nothing"),
               clEnumValN(Stage::NN, "nn", "the nn dialect (MLIRGen)"),
               clEnumValN(Stage::Grad, "grad", "after reverse-mode autodiff"),
               clEnumValN(Stage::Linalg, "linalg", "after lowering to linalg"),
               clEnumValN(Stage::LLVMMLIR, "llvm-mlir", "the LLVM dialect"),
               clEnumValN(Stage::PTX, "ptx",
                          "the PTX of all GPU kernels (--target=cuda)"),
               clEnumValN(Stage::LLVMIR, "llvm", "LLVM IR"),
               clEnumValN(Stage::Obj, "obj", "an object file"),
               clEnumValN(Stage::Exe, "exe", "a linked executable (default)")),
    cl::cat(plexcCategory));

cl::opt<Target> target(
    "target", cl::desc("What the program runs on"), cl::init(Target::CPU),
    cl::values(clEnumValN(Target::CPU, "cpu", "the host CPU (default)"),
               clEnumValN(Target::CUDA, "cuda",
                          "an NVIDIA GPU (sm_80 or newer) through the CUDA "
                          "driver; the host code runs on the CPU")),
    cl::cat(plexcCategory));

cl::opt<std::string>
    gpuChip("gpu-arch",
            cl::desc("The GPU architecture of --target=cuda (default sm_90)"),
            cl::value_desc("sm_XX"), cl::init("sm_90"), cl::cat(plexcCategory));

cl::opt<bool> emulateGPUKernels(
    "emulate-gpu-kernels",
    cl::desc("Testing: compile the GPU kernels (one thread per block) into "
             "a CPU program, to check them without a GPU"),
    cl::Hidden, cl::cat(plexcCategory));

cl::opt<bool> llvmLoopUnrolling(
    "llvm-loop-unrolling",
    cl::desc("LLVM's loop unrolling (off by default: see CPUOptions)"),
    cl::init(CPUOptions().llvmLoopUnrolling), cl::Hidden,
    cl::cat(plexcCategory));

cl::opt<bool> verifyEach(
    "verify-each",
    cl::desc("Verify the IR after every pass (for compiler development; by "
             "default it is verified after each stage)"),
    cl::init(false), cl::Hidden, cl::cat(plexcCategory));

cl::opt<int64_t> parallelThreshold(
    "parallel-threshold",
    cl::desc("Tuning: the estimated operations from which a CPU loop nest "
             "runs on threads"),
    cl::init(CPUOptions().parallelThreshold), cl::Hidden,
    cl::cat(plexcCategory));

cl::opt<unsigned> functionPieces(
    "function-pieces",
    cl::desc("Tuning: pieces a large function is cut into so that the "
             "cores share its code generation (1: none)"),
    cl::init(CPUOptions().functionPieces), cl::Hidden, cl::cat(plexcCategory));

cl::opt<std::string> targetCPU(
    "march",
    cl::desc("Target CPU (default: the host CPU with all its features; "
             "e.g. x86-64-v3 for portable binaries)"),
    cl::value_desc("cpu"), cl::init(""), cl::cat(plexcCategory));

cl::opt<std::string> targetFeatures(
    "mattr", cl::desc("Extra target features, e.g. +avx512f,-avx512vnni"),
    cl::value_desc("features"), cl::init(""), cl::cat(plexcCategory));

cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level (0-3)"),
                           cl::Prefix, cl::init(3), cl::cat(plexcCategory));

cl::opt<std::string> runtimeLibrary(
    "runtime-lib",
    cl::desc("The runtime archive to link (default: lib/libPlexusRuntime.a "
             "next to plexc's bin/)"),
    cl::value_desc("path"), cl::init(""), cl::cat(plexcCategory));

cl::opt<bool> listFunctions(
    "list-functions",
    cl::desc("List the functions model files can call (with the plugins "
             "given) and the ops they build"),
    cl::cat(plexcCategory));

cl::list<std::string> passPlugins("load-pass-plugin",
                                  cl::desc("Load passes from a plugin library"),
                                  cl::value_desc("lib.so"),
                                  cl::cat(plexcCategory));

cl::list<std::string>
    dialectPlugins("load-dialect-plugin",
                   cl::desc("Load dialects from a plugin library"),
                   cl::value_desc("lib.so"), cl::cat(plexcCategory));

cl::list<std::string> passesAfter(
    "pass-after",
    cl::desc("Run a pass pipeline after a stage: <stage>=<pipeline>, stage "
             "one of nn, grad, linalg, llvm-mlir (repeatable)"),
    cl::value_desc("stage=pipeline"), cl::cat(plexcCategory));

cl::list<std::string> passesBefore(
    "pass-before",
    cl::desc("Run a pass pipeline before a stage: <stage>=<pipeline>, stage "
             "one of grad, linalg, llvm-mlir (repeatable)"),
    cl::value_desc("stage=pipeline"), cl::cat(plexcCategory));

/// The extension points: pass pipelines to run after each stage. "Before a
/// stage" is "after the stage preceding it".
class ExtensionPoints {
public:
  bool parse() {
    return add(passesAfter, {"nn", "grad", "linalg", "llvm-mlir"}, false) &&
           add(passesBefore, {"grad", "linalg", "llvm-mlir"}, true);
  }

  /// Runs the pipelines registered after `stage`.
  mlir::LogicalResult run(llvm::StringRef stage, mlir::ModuleOp module) {
    for (const std::string &pipeline : after[stage]) {
      mlir::PassManager pm(module.getContext());
      if (failed(mlir::parsePassPipeline(pipeline, pm, llvm::errs()))) {
        llvm::errs() << "plexc: error: invalid pass pipeline '" << pipeline
                     << "'\n";
        return mlir::failure();
      }
      if (failed(pm.run(module)))
        return mlir::failure();
    }
    return mlir::success();
  }

private:
  bool add(const cl::list<std::string> &specs,
           llvm::ArrayRef<llvm::StringRef> stages, bool before) {
    static const llvm::StringRef order[] = {"nn", "grad", "linalg",
                                            "llvm-mlir"};
    for (const std::string &spec : specs) {
      auto [stage, pipeline] = llvm::StringRef(spec).split('=');
      if (pipeline.empty() || !llvm::is_contained(stages, stage)) {
        llvm::errs() << "plexc: error: --pass-" << (before ? "before" : "after")
                     << " expects <stage>=<pipeline> with a stage among "
                     << llvm::join(stages, ", ") << ", got '" << spec << "'\n";
        return false;
      }
      if (before)
        stage = *(llvm::find(order, stage) - 1);
      after[stage].push_back(pipeline.str());
    }
    return true;
  }

  llvm::StringMap<std::vector<std::string>> after;
};

ExtensionPoints extensions;

void printVersion(llvm::raw_ostream &os) {
  os << "plexc (Plexus) " << PLEXUS_VERSION_STRING << "\n"
     << "  built with LLVM " << LLVM_VERSION_STRING << "\n";
}

std::string outputPathFor(llvm::StringRef extension) {
  if (!outputFile.empty())
    return outputFile;
  if (extension.empty() && emit != Stage::Exe && emit != Stage::Obj)
    return "-";
  llvm::SmallString<128> path(llvm::sys::path::stem(inputFile));
  if (!extension.empty())
    path += extension;
  return std::string(path);
}

/// Writes text output (MLIR or LLVM IR) to -o or standard output.
template <typename Fn> int writeOutput(llvm::StringRef path, Fn &&print) {
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> out =
      mlir::openOutputFile(path, &error);
  if (!out) {
    llvm::errs() << "plexc: error: " << error << "\n";
    return 1;
  }
  print(out->os());
  out->keep();
  return 0;
}

/// `name` in the lib/ folder next to plexc's bin/.
std::string libraryNextToPlexc(llvm::StringRef name) {
  std::string self = llvm::sys::fs::getMainExecutable(
      "plexc", reinterpret_cast<void *>(&libraryNextToPlexc));
  llvm::SmallString<256> path(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(self)));
  llvm::sys::path::append(path, "lib", name);
  return std::string(path);
}

std::string runtimeArchive() {
  if (!runtimeLibrary.empty())
    return runtimeLibrary;
  return libraryNextToPlexc("libPlexusRuntime.a");
}

/// The GPU runtime, next to the runtime archive.
std::string cudaRuntimeArchive() {
  if (runtimeLibrary.empty())
    return libraryNextToPlexc("libPlexusCudaRuntime.a");
  llvm::SmallString<256> path(llvm::sys::path::parent_path(runtimeLibrary));
  llvm::sys::path::append(path, "libPlexusCudaRuntime.a");
  return std::string(path);
}

/// Links the objects with the runtime using the system C compiler driver.
int link(llvm::ArrayRef<std::string> objects, llvm::StringRef output) {
  llvm::ErrorOr<std::string> cc = llvm::sys::findProgramByName("cc");
  if (!cc) {
    llvm::errs() << "plexc: error: no C compiler driver ('cc') found to "
                    "link with\n";
    return 1;
  }
  std::string runtime = runtimeArchive();
  if (!llvm::sys::fs::exists(runtime)) {
    llvm::errs() << "plexc: error: runtime library not found: '" << runtime
                 << "' (use --runtime-lib)\n";
    return 1;
  }
  llvm::SmallVector<llvm::StringRef> args = {*cc, "-o", output};
  args.append(objects.begin(), objects.end());
  args.push_back(runtime);
  std::string cudaRuntime;
  if (target == Target::CUDA) {
    cudaRuntime = cudaRuntimeArchive();
    if (!llvm::sys::fs::exists(cudaRuntime)) {
      llvm::errs() << "plexc: error: GPU runtime library not found: '"
                   << cudaRuntime << "'\n";
      return 1;
    }
    args.append({cudaRuntime, "-ldl"});
  } else {
    args.push_back(PLEXUS_OPENMP_LIBRARY); // threads for CPU loop nests
  }
  args.append({"-lz", "-lm", "-lpthread"});
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(*cc, args, std::nullopt, {}, 0, 0, &error);
  if (rc != 0) {
    llvm::errs() << "plexc: error: linking failed"
                 << (error.empty() ? "" : ": " + error) << "\n";
    return 1;
  }
  return 0;
}

/// Creates a temporary object file's name in `path`; reports why not.
bool createTemporaryObject(llvm::SmallVectorImpl<char> &path) {
  std::error_code ec = llvm::sys::fs::createTemporaryFile("plexc", "o", path);
  if (ec)
    llvm::errs() << "plexc: error: cannot create a temporary file: "
                 << ec.message() << "\n";
  return !ec;
}

/// At most this many object files (and threads) for one program.
constexpr unsigned kMaxObjectParts = 8;

/// Compiles the LLVM-dialect `module` into `parts` temporary objects on as
/// many threads and links them.
int compileInParts(mlir::ModuleOp module, const CPUOptions &options,
                   unsigned parts) {
  llvm::SmallVector<std::string> objects;
  llvm::SmallVector<std::unique_ptr<llvm::FileRemover>> removers;
  for (unsigned i = 0; i < parts; ++i) {
    llvm::SmallString<128> path;
    if (!createTemporaryObject(path))
      return 1;
    objects.push_back(std::string(path));
    removers.push_back(std::make_unique<llvm::FileRemover>(path));
  }
  if (failed(emitObjectFilesInParallel(module, options, objects)))
    return 1;
  return link(objects, outputPathFor(""));
}

/// The context every stage runs in: all of MLIR, the Plexus dialects and
/// those of --load-dialect-plugin, with nn and the plugins' dialects loaded
/// so that their surface functions are visible to the front end. Null after
/// reporting a plugin that cannot be loaded.
std::unique_ptr<mlir::MLIRContext> createContext() {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registerPlexusDialects(registry);
  llvm::StringSet<> known;
  for (llvm::StringRef name : registry.getDialectNames())
    known.insert(name);
  if (!loadDialectPlugins(registry, dialectPlugins, "plexc"))
    return nullptr;
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->getOrLoadDialect<plexus::nn::NNDialect>();
  for (llvm::StringRef name : registry.getDialectNames())
    if (!known.contains(name))
      context->getOrLoadDialect(name);
  return context;
}

/// The compiler and a hash of the model file, for checkpoint metadata.
Provenance provenance() {
  Provenance p{"plexc " PLEXUS_VERSION_STRING, "unknown"};
  if (inputFile == "-")
    return p;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFileOrSTDIN(inputFile);
  if (file)
    p.sourceHash = llvm::utohexstr(llvm::xxh3_64bits((*file)->getBuffer()),
                                   /*LowerCase=*/true, /*Width=*/16);
  return p;
}

/// Applies the pass manager options of the command line (--mlir-timing,
/// --mlir-print-ir-after-all, ...) to `pm`.
mlir::LogicalResult configure(mlir::PassManager &pm) {
  if (failed(mlir::applyPassManagerCLOptions(pm)))
    return mlir::failure();
  mlir::applyDefaultTimingPassManagerCLOptions(pm);
  // Verifying the IR after each of the forty-odd passes took a third of
  // the MLIR side's time; runStage verifies each stage's result instead.
  pm.enableVerifier(verifyEach);
  return mlir::success();
}

/// Runs `pm` on `module` and verifies the result.
mlir::LogicalResult runStage(mlir::PassManager &pm, mlir::ModuleOp module) {
  return mlir::failure(failed(pm.run(module)) || failed(mlir::verify(module)));
}

/// MLIRGen and every stage after it, up to --emit.
int generateCode(mlir::MLIRContext &context, const CheckedProgram &checked) {
  context.disableMultithreading();
  // Users get their model's locations, not IR dumps.
  context.printOpOnDiagnostic(false);
  // MLIR diagnostics carry the model file's locations: print them with the
  // source line and caret like the front end's.
  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context, llvm::errs());

  ModelLayout layout;
  mlir::OwningOpRef<mlir::ModuleOp> module = mlirGen(context, checked, layout);
  if (!module || failed(extensions.run("nn", *module)))
    return 1;
  if (emit == Stage::NN)
    return writeOutput(outputPathFor(""),
                       [&](llvm::raw_ostream &os) { module->print(os); });

  CPUOptions options;
  options.cpu = targetCPU;
  options.features = targetFeatures;
  options.optLevel = optLevel;
  options.emulateGPUKernels = emulateGPUKernels;
  options.parallelThreshold = parallelThreshold;
  options.llvmLoopUnrolling = llvmLoopUnrolling;
  options.functionPieces = functionPieces;
  mlir::PassManager pm(&context);
  if (failed(configure(pm)))
    return 2;
  buildTrainingPipeline(pm);
  if (failed(runStage(pm, *module)) || failed(extensions.run("grad", *module)))
    return 1;
  if (emit == Stage::Grad)
    return writeOutput(outputPathFor(""),
                       [&](llvm::raw_ostream &os) { module->print(os); });

  mlir::PassManager linalgPM(&context);
  if (failed(configure(linalgPM)))
    return 2;
  if (failed(buildLinalgPipeline(linalgPM)) ||
      failed(runStage(linalgPM, *module)) ||
      failed(extensions.run("linalg", *module)))
    return 1;
  if (emit == Stage::Linalg)
    return writeOutput(outputPathFor(""),
                       [&](llvm::raw_ostream &os) { module->print(os); });

  addModelDescriptor(*module,
                     buildModelDescriptor(checked, layout, provenance()));
  // gpu-module-to-binary translates the kernels to LLVM IR, and the host
  // module's launches need translating too.
  if (target == Target::CUDA)
    registerGPUTranslations(context);
  mlir::PassManager llvmPM(&context);
  if (failed(configure(llvmPM)))
    return 2;
  GPUOptions gpuOptions;
  gpuOptions.chip = gpuChip;
  gpuOptions.optLevel = optLevel;
  if (failed(target == Target::CUDA ? buildGPUPipeline(llvmPM, gpuOptions)
                                    : buildLLVMPipeline(llvmPM, options)) ||
      failed(runStage(llvmPM, *module)) ||
      failed(extensions.run("llvm-mlir", *module)))
    return 1;
  if (emit == Stage::LLVMMLIR)
    return writeOutput(outputPathFor(""),
                       [&](llvm::raw_ostream &os) { module->print(os); });
  if (emit == Stage::PTX) {
    std::string ptx;
    llvm::raw_string_ostream os(ptx);
    if (failed(writePTX(*module, os)))
      return 1;
    return writeOutput(outputPathFor(""),
                       [&](llvm::raw_ostream &out) { out << ptx; });
  }

  // A program for the CPU is compiled in parts on all cores (several per
  // core, so that uneven parts still keep every core busy).
  unsigned parts = std::min(
      4 * llvm::hardware_concurrency().compute_thread_count(), kMaxObjectParts);
  if (emit == Stage::Exe && target == Target::CPU && parts > 1)
    return compileInParts(*module, options, parts);

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateToLLVMIR(*module, llvmContext, options);
  if (!llvmModule)
    return 1;
  if (emit == Stage::LLVMIR)
    return writeOutput(outputPathFor(""), [&](llvm::raw_ostream &os) {
      llvmModule->print(os, nullptr);
    });

  llvm::SmallString<128> objectPath;
  if (emit == Stage::Obj) {
    objectPath = outputPathFor(".o");
  } else if (!createTemporaryObject(objectPath)) {
    return 1;
  }
  llvm::FileRemover removeObject(objectPath, emit != Stage::Obj);
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(objectPath, ec);
    if (ec) {
      llvm::errs() << "plexc: error: cannot write '" << objectPath
                   << "': " << ec.message() << "\n";
      return 1;
    }
    if (failed(emitObjectFile(*llvmModule, options, os)))
      return 1;
  }
  if (emit == Stage::Obj)
    return 0;
  return link({std::string(objectPath)}, outputPathFor(""));
}

/// Parses and checks the input, then runs the requested stages. Runs on a
/// thread with a large stack so that no input can exhaust it.
int compile(mlir::MLIRContext &context,
            llvm::ArrayRef<std::string> functionNames) {
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
    llvm::ToolOutputFile out(outputFile.empty() ? std::string("-")
                                                : outputFile.getValue(),
                             ec, llvm::sys::fs::OF_Text);
    if (ec) {
      llvm::errs() << "plexc: error: cannot write '" << outputFile
                   << "': " << ec.message() << "\n";
      return 1;
    }
    dumpAST(*program, out.os());
    out.keep();
  }
  std::unique_ptr<CheckedProgram> checked =
      checkProgram(*program, diags, functionNames);
  if (!checked)
    return finish(1);
  if (emit <= Stage::Check)
    return finish(0);

  if (checked->trains.empty()) {
    llvm::errs() << "plexc: error: '" << inputFile
                 << "' has no 'train' declaration: nothing to compile "
                    "(--emit=check checks a file without compiling it)\n";
    return 1;
  }
  return finish(generateCode(context, *checked));
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAllPasses();
  registerPlexusPasses();
  // --mlir-print-debuginfo shows each op's location in the model file.
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  // --mlir-timing shows where compile time goes, pass by pass.
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
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
  for (const std::string &path : passPlugins) {
    llvm::Expected<mlir::PassPlugin> plugin = mlir::PassPlugin::load(path);
    if (!plugin) {
      llvm::errs() << "plexc: error: cannot load pass plugin '" << path
                   << "': " << llvm::toString(plugin.takeError()) << "\n";
      return 2;
    }
    plugin->registerPassRegistryCallbacks();
  }
  if (!extensions.parse())
    return 2;
  std::unique_ptr<mlir::MLIRContext> context = createContext();
  if (!context)
    return 2;
  // The functions model files can call: ops with SurfaceFunctionOpInterface
  // in nn and in the plugins' dialects.
  std::vector<plexus::nn::SurfaceFunction> functions =
      plexus::nn::surfaceFunctions(*context);
  for (size_t i = 1; i < functions.size(); ++i) {
    if (functions[i].name != functions[i - 1].name)
      continue;
    llvm::errs() << "plexc: error: ops '" << functions[i - 1].opName
                 << "' and '" << functions[i].opName << "' are both called '"
                 << functions[i].name << "' in model files\n";
    return 2;
  }
  if (listFunctions) {
    for (const plexus::nn::SurfaceFunction &f : functions)
      llvm::outs() << llvm::left_justify(f.name, 16) << f.opName << "\n";
    return 0;
  }
  std::vector<std::string> functionNames;
  for (const plexus::nn::SurfaceFunction &f : functions)
    functionNames.push_back(f.name.str());
  if (emit == Stage::PTX && target != Target::CUDA) {
    llvm::errs() << "plexc: error: --emit=ptx needs --target=cuda\n";
    return 2;
  }
  unsigned smVersion = 0;
  if (!llvm::StringRef(gpuChip).starts_with("sm_") ||
      llvm::StringRef(gpuChip).drop_front(3).getAsInteger(10, smVersion) ||
      smVersion < 80) {
    llvm::errs() << "plexc: error: --gpu-arch expects sm_80 or newer (e.g. "
                    "sm_90), got '"
                 << gpuChip << "'\n";
    return 2;
  }
  if (optLevel > 3) {
    llvm::errs() << "plexc: error: -O expects 0, 1, 2 or 3, got " << optLevel
                 << "\n";
    return 2;
  }
  std::string targetError =
      validateTarget(CPUOptions{targetCPU, targetFeatures, optLevel});
  if (!targetError.empty()) {
    llvm::errs() << "plexc: error: " << targetError << "\n";
    return 2;
  }
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
                      [&] { result = compile(*context, functionNames); });
  worker.join();
  return result;
}
