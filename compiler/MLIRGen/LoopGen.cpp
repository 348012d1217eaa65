//===- LoopGen.cpp - The explicit training loop as real control flow ------===//
//
// `train M on d { for epoch in 1..30 { ... } }` becomes the function
//
//   func.func @plx_train_loop(%ctx: !llvm.ptr)
//
// built from scf.for / scf.while / scf.if, with loop variables and locals in
// SSA values or stack slots, and calls into the runtime (plx_rt_*) for what
// touches data, the optimizer step, logging and checkpoints. Integers are
// i64, numbers f64, booleans i1.
//
//===----------------------------------------------------------------------===//

#include "compiler/MLIRGen/MLIRGen.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace plexus;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;

namespace {

using Loc = mlir::Location;

/// A value in the loop language with its kind.
struct LoopValue {
  enum class Kind { Int, Number, Bool, String, Data, Model, None } kind;
  Value value;
  int64_t dataIndex = -1;
  int64_t part = 0;
};

class LoopGen {
public:
  LoopGen(ModuleOp module, const CheckedProgram &program)
      : module(module), program(program), b(module.getContext()) {}

  LogicalResult generate(const TrainSpec &train) {
    MLIRContext *ctx = module.getContext();
    ctx->loadDialect<LLVM::LLVMDialect, scf::SCFDialect, math::MathDialect,
                     memref::MemRefDialect>();
    ptrType = LLVM::LLVMPointerType::get(ctx);
    b.setInsertionPointToEnd(module.getBody());
    Loc l = loc(train.decl->getLoc());
    auto func = func::FuncOp::create(b, l, "plx_train_loop",
                                     b.getFunctionType({ptrType}, {}));
    b.setInsertionPointToStart(func.addEntryBlock());
    context = func.getArgument(0);
    scopes.emplace_back();
    for (const Stmt *stmt : train.loop)
      if (failed(emit(*stmt)))
        return failure();
    func::ReturnOp::create(b, l);
    return success();
  }

private:
  Loc loc(const plexus::Location &l) {
    return FileLineColLoc::get(b.getStringAttr(l.file), l.line, l.column);
  }

  /// Calls runtime function `name`, declaring it on first use.
  Value callRuntime(Loc l, StringRef name, TypeRange results, ValueRange args) {
    if (!module.lookupSymbol(name)) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(module.getBody());
      auto decl = func::FuncOp::create(
          b, l, name, b.getFunctionType(ValueRange(args).getTypes(), results));
      decl.setPrivate();
    }
    auto call = func::CallOp::create(b, l, name, results, args);
    return results.empty() ? Value() : call.getResult(0);
  }

  Value i64(Loc l, int64_t v) {
    return arith::ConstantOp::create(b, l, b.getI64IntegerAttr(v));
  }
  Value f64(Loc l, double v) {
    return arith::ConstantOp::create(b, l, b.getF64FloatAttr(v));
  }

  /// A pointer to a NUL-terminated constant string.
  Value stringPointer(Loc l, StringRef text) {
    std::string name = "plx_str" + std::to_string(stringCount++);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(module.getBody());
      std::string data = text.str();
      data.push_back('\0');
      auto type = LLVM::LLVMArrayType::get(b.getI8Type(), data.size());
      LLVM::GlobalOp::create(b, l, type, true, LLVM::Linkage::Internal, name,
                             b.getStringAttr(data));
    }
    return LLVM::AddressOfOp::create(b, l, ptrType, name);
  }

  Value toNumber(Loc l, const LoopValue &v) {
    if (v.kind == LoopValue::Kind::Number)
      return v.value;
    return arith::SIToFPOp::create(b, l, b.getF64Type(), v.value);
  }

  LoopValue *lookup(const std::string &name) {
    for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
      auto found = it->find(name);
      if (found != it->end())
        return &found->second;
    }
    return nullptr;
  }

  int64_t dataIndex(const DataSpec *spec) {
    for (size_t i = 0; i < program.data.size(); ++i)
      if (program.data[i].get() == spec)
        return i;
    return -1;
  }

  FailureOr<LoopValue> dataRef(const Expr &e) {
    const NameExpr *name = dyn_cast<NameExpr>(&e);
    int64_t part = 0;
    if (auto *m = dyn_cast<MemberExpr>(&e)) {
      name = dyn_cast<NameExpr>(m->base.get());
      part = m->member == "train" ? 1 : 2;
    }
    for (const auto &d : program.data)
      if (name && d->name == name->name)
        return LoopValue{LoopValue::Kind::Data, Value(), dataIndex(d.get()),
                         part};
    emitError(loc(e.getLoc())) << "expected a data set";
    return failure();
  }

  FailureOr<LoopValue> eval(const Expr &e) {
    Loc l = loc(e.getLoc());
    using K = LoopValue::Kind;
    if (auto *n = dyn_cast<NumberExpr>(&e))
      return n->isInteger ? LoopValue{K::Int, i64(l, (int64_t)n->value)}
                          : LoopValue{K::Number, f64(l, n->value)};
    if (auto *bo = dyn_cast<BoolExpr>(&e))
      return LoopValue{
          K::Bool, arith::ConstantOp::create(b, l, b.getBoolAttr(bo->value))};
    if (auto *s = dyn_cast<StringExpr>(&e))
      return LoopValue{K::String, stringPointer(l, s->value)};
    if (auto *n = dyn_cast<NameExpr>(&e)) {
      if (LoopValue *v = lookup(n->name)) {
        if (auto slot =
                dyn_cast_or_null<memref::AllocaOp>(v->value.getDefiningOp()))
          return LoopValue{v->kind, memref::LoadOp::create(
                                        b, l, slot.getResult(), ValueRange{})};
        return *v;
      }
      return dataRef(e);
    }
    if (auto *m = dyn_cast<MemberExpr>(&e)) {
      if (auto *base = dyn_cast<NameExpr>(m->base.get());
          base && base->name == "optimizer")
        return LoopValue{K::Number,
                         callRuntime(l, "plx_rt_get_lr", b.getF64Type(),
                                     ValueRange{context})};
      return dataRef(e);
    }
    if (auto *u = dyn_cast<UnaryExpr>(&e)) {
      FailureOr<LoopValue> v = eval(*u->operand);
      if (failed(v))
        return failure();
      if (u->op == "not")
        return LoopValue{
            K::Bool, arith::XOrIOp::create(
                         b, l, v->value,
                         arith::ConstantOp::create(b, l, b.getBoolAttr(true)))};
      if (v->kind == K::Int)
        return LoopValue{K::Int,
                         arith::SubIOp::create(b, l, i64(l, 0), v->value)};
      return LoopValue{K::Number, arith::NegFOp::create(b, l, v->value)};
    }
    if (auto *bin = dyn_cast<BinaryExpr>(&e))
      return evalBinary(*bin);
    emitError(l) << "this expression cannot be compiled in a training loop";
    return failure();
  }

  FailureOr<LoopValue> evalBinary(const BinaryExpr &e) {
    using K = LoopValue::Kind;
    Loc l = loc(e.getLoc());
    FailureOr<LoopValue> lhs = eval(*e.lhs), rhs = eval(*e.rhs);
    if (failed(lhs) || failed(rhs))
      return failure();
    const std::string &op = e.op;
    if (op == "and")
      return LoopValue{K::Bool,
                       arith::AndIOp::create(b, l, lhs->value, rhs->value)};
    if (op == "or")
      return LoopValue{K::Bool,
                       arith::OrIOp::create(b, l, lhs->value, rhs->value)};
    bool ints = lhs->kind == K::Int && rhs->kind == K::Int;
    static const llvm::StringMap<
        std::pair<arith::CmpIPredicate, arith::CmpFPredicate>>
        comparisons = {
            {"<", {arith::CmpIPredicate::slt, arith::CmpFPredicate::OLT}},
            {"<=", {arith::CmpIPredicate::sle, arith::CmpFPredicate::OLE}},
            {">", {arith::CmpIPredicate::sgt, arith::CmpFPredicate::OGT}},
            {">=", {arith::CmpIPredicate::sge, arith::CmpFPredicate::OGE}},
            {"==", {arith::CmpIPredicate::eq, arith::CmpFPredicate::OEQ}},
            {"!=", {arith::CmpIPredicate::ne, arith::CmpFPredicate::UNE}}};
    auto cmp = comparisons.find(op);
    if (cmp != comparisons.end()) {
      if (ints)
        return LoopValue{K::Bool,
                         arith::CmpIOp::create(b, l, cmp->second.first,
                                               lhs->value, rhs->value)};
      return LoopValue{K::Bool, arith::CmpFOp::create(b, l, cmp->second.second,
                                                      toNumber(l, *lhs),
                                                      toNumber(l, *rhs))};
    }
    if (ints && op == "+")
      return LoopValue{K::Int,
                       arith::AddIOp::create(b, l, lhs->value, rhs->value)};
    if (ints && op == "-")
      return LoopValue{K::Int,
                       arith::SubIOp::create(b, l, lhs->value, rhs->value)};
    if (ints && op == "*")
      return LoopValue{K::Int,
                       arith::MulIOp::create(b, l, lhs->value, rhs->value)};
    if (ints && op == "%")
      return LoopValue{K::Int,
                       arith::RemSIOp::create(b, l, lhs->value, rhs->value)};
    Value x = toNumber(l, *lhs), y = toNumber(l, *rhs);
    if (op == "+")
      return LoopValue{K::Number, arith::AddFOp::create(b, l, x, y)};
    if (op == "-")
      return LoopValue{K::Number, arith::SubFOp::create(b, l, x, y)};
    if (op == "*")
      return LoopValue{K::Number, arith::MulFOp::create(b, l, x, y)};
    if (op == "/")
      return LoopValue{K::Number, arith::DivFOp::create(b, l, x, y)};
    if (op == "^")
      return LoopValue{K::Number, math::PowFOp::create(b, l, x, y)};
    emitError(l) << "operator '" << op << "' cannot be compiled here";
    return failure();
  }

  LogicalResult emitBlock(const plexus::Block &block) {
    scopes.emplace_back();
    for (const StmtPtr &s : block)
      if (failed(emit(*s)))
        return failure();
    scopes.pop_back();
    return success();
  }

  LogicalResult emit(const Stmt &stmt) {
    Loc l = loc(stmt.getLoc());
    if (auto *f = dyn_cast<ForStmt>(&stmt))
      return emitFor(*f);
    if (auto *i = dyn_cast<IfStmt>(&stmt)) {
      FailureOr<LoopValue> cond = eval(*i->cond);
      if (failed(cond))
        return failure();
      auto ifOp = scf::IfOp::create(b, l, cond->value,
                                    /*withElseRegion=*/!i->elseBody.empty());
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&ifOp.getThenRegion().front());
      if (failed(emitBlock(i->thenBody)))
        return failure();
      if (i->elseBody.empty())
        return success();
      b.setInsertionPointToStart(&ifOp.getElseRegion().front());
      return emitBlock(i->elseBody);
    }
    if (isa<StepStmt>(&stmt)) {
      callRuntime(l, "plx_rt_step", b.getF64Type(), ValueRange{context});
      return success();
    }
    if (auto *s = dyn_cast<SaveStmt>(&stmt)) {
      FailureOr<LoopValue> path = eval(*s->path);
      if (failed(path))
        return failure();
      callRuntime(l, "plx_rt_save", {}, ValueRange{context, path->value});
      return success();
    }
    if (auto *lg = dyn_cast<LogStmt>(&stmt))
      return emitLog(*lg);
    auto *a = cast<AssignStmt>(&stmt);
    FailureOr<LoopValue> v = eval(*a->value);
    if (failed(v))
      return failure();
    if (a->target == "optimizer") {
      callRuntime(l, "plx_rt_set_lr", {}, ValueRange{context, toNumber(l, *v)});
      return success();
    }
    // Locals live in stack slots so that loops and branches can update
    // them; LLVM promotes the slots to registers.
    if (LoopValue *existing = lookup(a->target)) {
      auto slot = existing->value.getDefiningOp<memref::AllocaOp>();
      Value stored = v->value;
      if (existing->kind == LoopValue::Kind::Number)
        stored = toNumber(l, *v);
      memref::StoreOp::create(b, l, stored, slot.getResult(), ValueRange{});
      return success();
    }
    Value slot;
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&context.getParentRegion()->front());
      slot = memref::AllocaOp::create(b, l,
                                      MemRefType::get({}, v->value.getType()));
    }
    memref::StoreOp::create(b, l, v->value, slot, ValueRange{});
    scopes.back()[a->target] = LoopValue{v->kind, slot};
    return success();
  }

  LogicalResult emitFor(const ForStmt &f) {
    Loc l = loc(f.getLoc());
    auto *range = dyn_cast<BinaryExpr>(f.iterable.get());
    if (range && range->op == "..") {
      FailureOr<LoopValue> lo = eval(*range->lhs), hi = eval(*range->rhs);
      if (failed(lo) || failed(hi))
        return failure();
      Value lower =
          arith::IndexCastOp::create(b, l, b.getIndexType(), lo->value);
      Value upper = arith::IndexCastOp::create(
          b, l, b.getIndexType(),
          arith::AddIOp::create(b, l, hi->value, i64(l, 1)));
      Value one = arith::ConstantIndexOp::create(b, l, 1);
      auto loop = scf::ForOp::create(b, l, lower, upper, one);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      scopes.emplace_back();
      scopes.back()[f.vars[0].name] =
          LoopValue{LoopValue::Kind::Int,
                    arith::IndexCastOp::create(b, l, b.getI64Type(),
                                               loop.getInductionVar())};
      callRuntime(l, "plx_rt_epoch_begin", {},
                  ValueRange{context, scopes.back()[f.vars[0].name].value});
      LogicalResult result = emitBlockInScope(f.body);
      scopes.pop_back();
      return result;
    }
    // for (x, y) in batches(data, size, shuffle: s)
    auto *call = cast<CallExpr>(f.iterable.get());
    FailureOr<LoopValue> data = dataRef(*call->argument("data", 0));
    if (failed(data))
      return failure();
    auto *sizeExpr = dyn_cast<NumberExpr>(call->argument("size", 1));
    auto *shuffleExpr =
        dyn_cast_or_null<BoolExpr>(call->argument("shuffle", 2));
    int64_t size = sizeExpr ? static_cast<int64_t>(sizeExpr->value) : 32;
    bool shuffle = shuffleExpr && shuffleExpr->value;
    callRuntime(l, "plx_rt_batches_begin", {},
                ValueRange{context, i64(l, data->dataIndex), i64(l, data->part),
                           i64(l, size), i64(l, shuffle ? 1 : 0)});
    auto loop = scf::WhileOp::create(b, l, TypeRange{}, ValueRange{});
    {
      OpBuilder::InsertionGuard guard(b);
      mlir::Block *before = b.createBlock(&loop.getBefore());
      b.setInsertionPointToStart(before);
      Value rows = callRuntime(l, "plx_rt_batches_next", b.getI64Type(),
                               ValueRange{context});
      Value more = arith::CmpIOp::create(b, l, arith::CmpIPredicate::sgt, rows,
                                         i64(l, 0));
      scf::ConditionOp::create(b, l, more, ValueRange{});
      mlir::Block *after = b.createBlock(&loop.getAfter());
      b.setInsertionPointToStart(after);
      scopes.emplace_back();
      // x and y name the current batch; the runtime holds it.
      for (const ForStmt::Var &v : f.vars)
        scopes.back()[v.name] = LoopValue{LoopValue::Kind::None, Value()};
      LogicalResult result = emitBlockInScope(f.body);
      scopes.pop_back();
      if (failed(result))
        return failure();
      scf::YieldOp::create(b, l);
    }
    callRuntime(l, "plx_rt_batches_end", {}, ValueRange{context});
    return success();
  }

  LogicalResult emitBlockInScope(const plexus::Block &block) {
    for (const StmtPtr &s : block)
      if (failed(emit(*s)))
        return failure();
    return success();
  }

  LogicalResult emitLog(const LogStmt &lg) {
    Loc l = loc(lg.getLoc());
    callRuntime(l, "plx_rt_log_begin", {}, ValueRange{context});
    for (const ExprPtr &e : lg.values) {
      Loc el = loc(e->getLoc());
      auto *call = dyn_cast<CallExpr>(e.get());
      if (call && call->calleeName() == "evaluate") {
        FailureOr<LoopValue> data = dataRef(*call->argument("data", 1));
        if (failed(data))
          return failure();
        std::string metrics = "loss accuracy";
        if (auto *list =
                dyn_cast_or_null<ListExpr>(call->argument("metrics", 2))) {
          metrics.clear();
          for (const ExprPtr &m : list->elements)
            metrics +=
                (metrics.empty() ? "" : " ") + cast<NameExpr>(m.get())->name;
        }
        callRuntime(el, "plx_rt_log_evaluate", {},
                    ValueRange{context, i64(el, data->dataIndex),
                               i64(el, data->part),
                               stringPointer(el, metrics)});
        continue;
      }
      FailureOr<LoopValue> v = eval(*e);
      if (failed(v))
        return failure();
      // A logged name is printed with its value: "epoch 3".
      std::string label;
      if (auto *name = dyn_cast<NameExpr>(e.get()))
        label = name->name;
      else if (auto *m = dyn_cast<MemberExpr>(e.get()))
        label = m->member;
      Value labelPtr = stringPointer(el, label);
      switch (v->kind) {
      case LoopValue::Kind::Int:
        callRuntime(el, "plx_rt_log_int", {},
                    ValueRange{context, labelPtr, v->value});
        break;
      case LoopValue::Kind::Bool:
        callRuntime(el, "plx_rt_log_int", {},
                    ValueRange{context, labelPtr,
                               arith::ExtUIOp::create(b, el, b.getI64Type(),
                                                      v->value)});
        break;
      case LoopValue::Kind::String:
        callRuntime(el, "plx_rt_log_string", {}, ValueRange{context, v->value});
        break;
      default:
        callRuntime(el, "plx_rt_log_number", {},
                    ValueRange{context, labelPtr, toNumber(el, *v)});
      }
    }
    callRuntime(l, "plx_rt_log_end", {}, ValueRange{context});
    return success();
  }

  ModuleOp module;
  const CheckedProgram &program;
  OpBuilder b;
  Type ptrType;
  Value context;
  std::vector<std::map<std::string, LoopValue>> scopes;
  unsigned stringCount = 0;
};

} // namespace

namespace plexus {
LogicalResult generateTrainLoop(ModuleOp module, const CheckedProgram &program,
                                const TrainSpec &train) {
  return LoopGen(module, program).generate(train);
}
} // namespace plexus
