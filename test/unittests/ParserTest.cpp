//===- ParserTest.cpp - Parser robustness ---------------------------------===//
//
// Inputs that are awkward to write as lit tests: very long lines, deep
// nesting, binary garbage. None may crash; each must produce diagnostics.
//
//===----------------------------------------------------------------------===//

#include "lang/Parser.h"

#include "gtest/gtest.h"

using namespace plexus;

namespace {

struct ParseResult {
  std::unique_ptr<Program> program;
  unsigned errors;
  std::string output;
};

ParseResult parse(const std::string &source) {
  ParseResult r;
  llvm::raw_string_ostream os(r.output);
  DiagnosticEngine diags(os);
  r.program = parseSource(source, "test.plx", diags);
  r.errors = diags.getNumErrors();
  return r;
}

TEST(Parser, EmptyFileIsAnEmptyProgram) {
  ParseResult r = parse("");
  ASSERT_TRUE(r.program);
  EXPECT_TRUE(r.program->decls.empty());
  EXPECT_EQ(r.errors, 0u);
}

TEST(Parser, ParsesAModel) {
  ParseResult r = parse("model M(x: f32[N, 4]) -> f32[N, 3] {\n"
                        "  h = dense(x, 8, relu)\n"
                        "  return dense(h, 3, softmax)\n"
                        "}\n");
  ASSERT_TRUE(r.program) << r.output;
  ASSERT_EQ(r.program->decls.size(), 1u);
  auto *model = llvm::dyn_cast<ModelDecl>(r.program->decls[0].get());
  ASSERT_TRUE(model);
  EXPECT_EQ(model->getName(), "M");
  EXPECT_EQ(model->getNameLoc().line, 1u);
  EXPECT_EQ(model->getNameLoc().column, 7u);
  EXPECT_EQ(model->body.size(), 2u);
}

TEST(Parser, OneMegabyteLine) {
  std::string line = "data d = random(samples: 1, features: 1, classes: 2) //";
  line += std::string(1 << 20, 'x');
  ParseResult r = parse(line);
  EXPECT_TRUE(r.program) << r.output.substr(0, 200);

  std::string sum = "data d = random(samples: 1";
  for (int i = 0; i < 200000; ++i)
    sum += "+1";
  sum += ", features: 1, classes: 2)";
  r = parse(sum);
  EXPECT_FALSE(r.program);
  EXPECT_NE(r.output.find("nested too deeply"), std::string::npos);
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  for (const char *open : {"(", "[", "-", "not ", "2^"}) {
    std::string source = "data d = ";
    for (int i = 0; i < 100000; ++i)
      source += open;
    source += "1";
    ParseResult r = parse(source);
    EXPECT_FALSE(r.program) << open;
    EXPECT_NE(r.output.find("nested too deeply"), std::string::npos) << open;
  }
}

TEST(Parser, BinaryGarbage) {
  std::string source;
  for (int i = 0; i < 4096; ++i)
    source += static_cast<char>((i * 7919) & 0xff);
  ParseResult r = parse(source);
  EXPECT_FALSE(r.program);
  EXPECT_GE(r.errors, 1u);
}

TEST(Parser, ReportsEverySyntaxError) {
  ParseResult r = parse("model A( -> f32[N, 1] { return x }\n"
                        "model B(x: f32[N, 1]) -> { return x }\n");
  EXPECT_FALSE(r.program);
  EXPECT_GE(r.errors, 2u) << r.output;
}

} // namespace
