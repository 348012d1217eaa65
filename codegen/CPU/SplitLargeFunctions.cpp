//===- SplitLargeFunctions.cpp - Cut long functions for parallel codegen --===//
//
// LLVM optimises and generates code for a program's parts on all cores
// (ObjectEmission.cpp), but a function is one part's work. The
// plx_train_step of a model whose layers run on one thread is most of the
// program's code, and its O3 and instruction selection were the critical
// path of plexc. Its body is a sequence of loop nests; between two of them
// is a block that every path through the function goes through. Cut there
// into consecutive pieces of similar size, each extracted into a function
// of its own (LLVM's CodeExtractor: the values a piece uses from earlier
// ones become its arguments), it gives SplitModule functions to put in
// different parts. A call costs one call per piece; O3 no longer sees
// across the cuts, where the code only passes buffers through memory.
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/Pipelines.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/PostDominators.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/CodeExtractor.h"

using namespace llvm;

namespace {

/// A block that every path through the function goes through and that is
/// in no loop, with the instructions of the blocks before it (those it
/// does not dominate).
struct Cut {
  BasicBlock *block;
  size_t before;
};

/// The cuts of `f` in program order. They form a chain in the dominator
/// tree, so the blocks between two cuts are those the first dominates and
/// the second does not.
SmallVector<Cut> findCuts(Function &f, size_t total, DominatorTree &dt,
                          PostDominatorTree &pdt, LoopInfo &loops) {
  SmallVector<Cut> cuts;
  BasicBlock *entry = &f.getEntryBlock();
  for (BasicBlock &block : f) {
    if (&block == entry || loops.getLoopFor(&block) ||
        !pdt.dominates(&block, entry))
      continue;
    size_t dominated = 0;
    for (BasicBlock &other : f)
      if (dt.dominates(&block, &other))
        dominated += other.size();
    cuts.push_back({&block, total - dominated});
  }
  llvm::sort(cuts,
             [](const Cut &a, const Cut &b) { return a.before < b.before; });
  return cuts;
}

/// The blocks where pieces 2 to `pieces` of `f` start: the cut closest to
/// each multiple of a piece's share, never the last cut (the exit, which
/// stays in `f`).
SmallVector<BasicBlock *> pieceStarts(ArrayRef<Cut> cuts, size_t total,
                                      unsigned pieces) {
  SmallVector<BasicBlock *> starts;
  for (unsigned j = 1; j < pieces; ++j) {
    size_t target = total * j / pieces;
    const Cut *best =
        llvm::min_element(cuts.drop_back(), [&](auto &a, auto &b) {
          auto distance = [&](const Cut &c) {
            return c.before > target ? c.before - target : target - c.before;
          };
          return distance(a) < distance(b);
        });
    if (starts.empty() || starts.back() != best->block)
      starts.push_back(best->block);
  }
  return starts;
}

/// Whether every alloca of `region` is used only there: it then moves into
/// the piece's frame (the stack temporaries of a dynamic index into a
/// memref descriptor's sizes). CodeExtractor takes allocas on trust; it
/// refuses a stack save and restore on two sides of a cut itself.
bool allocasStayInside(ArrayRef<BasicBlock *> region) {
  SmallPtrSet<BasicBlock *, 32> inside(region.begin(), region.end());
  SmallVector<Value *> pointers;
  for (BasicBlock *block : region)
    for (Instruction &inst : *block)
      if (isa<AllocaInst>(inst))
        pointers.push_back(&inst);
  while (!pointers.empty()) {
    Value *pointer = pointers.pop_back_val();
    for (User *user : pointer->users()) {
      auto *inst = dyn_cast<Instruction>(user);
      if (!inst || !inside.contains(inst->getParent()))
        return false;
      if (auto *store = dyn_cast<StoreInst>(inst);
          store && store->getValueOperand() == pointer)
        return false; // the address itself escapes
      if (isa<GetElementPtrInst, CastInst, PHINode, SelectInst>(inst))
        pointers.push_back(inst);
    }
  }
  return true;
}

/// Cuts `f`, of `size` instructions, into up to `pieces` pieces.
void splitFunction(Function &f, size_t size, unsigned pieces) {
  DominatorTree dt(f);
  PostDominatorTree pdt(f);
  LoopInfo loops(dt);
  SmallVector<Cut> cuts = findCuts(f, size, dt, pdt, loops);
  if (cuts.size() < 2)
    return;
  SmallVector<BasicBlock *> starts = pieceStarts(cuts, size, pieces);
  SmallVector<SmallVector<BasicBlock *>> regions;
  for (auto [i, start] : llvm::enumerate(starts)) {
    BasicBlock *stop =
        i + 1 < starts.size() ? starts[i + 1] : cuts.back().block;
    SmallVector<BasicBlock *> region = {start};
    for (BasicBlock &block : f)
      if (&block != start && dt.dominates(start, &block) &&
          !dt.dominates(stop, &block))
        region.push_back(&block);
    regions.push_back(std::move(region));
  }
  // Extraction replaces a region by a block that calls the new function
  // and leaves the other regions' blocks, and the cache, as they were.
  CodeExtractorAnalysisCache cache(f);
  for (ArrayRef<BasicBlock *> region : regions) {
    CodeExtractor extractor(region, /*DT=*/nullptr, /*AggregateArgs=*/false,
                            /*BFI=*/nullptr, /*BPI=*/nullptr, /*AC=*/nullptr,
                            /*AllowVarArgs=*/false, /*AllowAlloca=*/true,
                            /*AllocationBlock=*/nullptr, "piece");
    if (!allocasStayInside(region) || !extractor.isEligible())
      continue;
    // Inlined back, a piece would be compiled with the rest again.
    if (Function *piece = extractor.extractCodeRegion(cache))
      piece->addFnAttr(Attribute::NoInline);
  }
}

} // namespace

void plexus::splitLargeFunctions(Module &module, unsigned pieces,
                                 size_t minInstructions) {
  // Collected first: extraction adds functions to the module.
  struct Large {
    Function *f;
    size_t size;
    unsigned pieces;
  };
  SmallVector<Large> large;
  size_t smallestPiece = std::max<size_t>(minInstructions / 2, 1);
  for (Function &f : module) {
    size_t size = f.getInstructionCount();
    unsigned fit = size / smallestPiece;
    if (!f.isDeclaration() && size >= minInstructions &&
        std::min(pieces, fit) >= 2)
      large.push_back({&f, size, std::min(pieces, fit)});
  }
  for (const Large &l : large)
    splitFunction(*l.f, l.size, l.pieces);
}
